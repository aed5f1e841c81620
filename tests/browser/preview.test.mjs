// preview.test.mjs: the preview page in a real browser (Debian's chromium, headless, driven by
// playwright-core): load the page, drag the scrubber, and check that the frame shown equals
// `moonreel frame` at the same time, pixel for pixel; requests without the token are refused;
// the studio (studio.mjs: timeline, solo, keyboard, sizes, render) and the sound (sound.mjs);
// no failed request or console error on the way; a script error shows over the picture.
// Exit 77 (skipped) when chromium or playwright-core is missing.
//   node preview.test.mjs MOONREEL PROJECT_ROOT
import { existsSync, mkdtempSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import assert from "node:assert/strict";
import { startRepl, check, results, refFrame, diffFrame } from "./harness.mjs";
import { studioChecks } from "./studio.mjs";
import { soundChecks } from "./sound.mjs";

const [moonreel, root] = process.argv.slice(2).map(p => resolve(p));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
let chromium;
try { ({ chromium } = await import("playwright-core")); } catch { }
if (!chromium || !existsSync(chromiumPath)) {
  console.log(`skipped: ${!chromium ? "playwright-core is not installed (npm ci in tests/browser)" : chromiumPath + " is missing"}`);
  process.exit(77);
}
// mediacheck (built with the tests, beside moonreel) reads the rendered file
const mediacheck = [join(dirname(moonreel), "tests/mediacheck"), join(dirname(moonreel), "mediacheck")].find(existsSync);

const work = mkdtempSync(join(tmpdir(), "moonreel-browser-"));
const script = join(work, "edit.lua");
copyFileSync(join(root, "scripts/assets/sample.mp4"), join(work, "sample.mp4"));
copyFileSync(join(root, "scripts/assets/logo.png"), join(work, "logo.png"));
writeFileSync(script, `return compose({
  video("sample.mp4"),
  image("logo.png"):resize(0.5):at("right", "top", 50),
  text("moonreel preview", {size = 28, color = "white", stroke = {"black", 2}}):at("center", "bottom", 34),
})
`);

// the REPL with its page; its stdin stays open (we type preview() and reload() into it)
const { repl, url, type } = await startRepl(moonreel, script, work);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 860 } });
  const problems = [];                       // failed requests and console errors, all along
  page.on("response", r => { if (r.status() >= 400) problems.push(r.status() + " " + r.url()); });
  page.on("console", m => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", e => problems.push("page error: " + e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("frame").dataset.t !== undefined, null, { timeout: 60000 });

  await check("the page shows the clip's summary, frame number, time and duration", async () => {
    assert.match(await page.textContent("#summary"), /480x270, 30 fps, 0:04\.000/);
    assert.match(await page.textContent("#time"), /^frame 0 \/ 120 · 0:00\.000 \/ 0:04\.000$/);
  });

  await check("dragging the scrubber shows the frame moonreel frame makes at that time", async () => {
    const box = await page.locator("#scrub").boundingBox();
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, y, { steps: 8 });
    await page.mouse.move(box.x + box.width * 0.62, y, { steps: 8 });
    await page.mouse.up();
    const want = await page.$eval("#scrub", el => Number(el.value));
    await page.waitForFunction(t => Math.abs(Number(document.getElementById("frame").dataset.t) - t) < 1e-3, want,
                               { timeout: 60000 });
    const t = await page.$eval("#frame", el => el.dataset.t);
    assert.ok(Number(t) > 1.5 && Number(t) < 3.5, "dragged to " + t);
    const diff = await diffFrame(page, refFrame(moonreel, script, t, join(work, "ref.png")));
    assert.equal(diff.size, undefined, "sizes differ: " + JSON.stringify(diff.size));
    assert.equal(diff.max, 0, "pixels differ by " + diff.max);
    console.log(`  frame at ${t} s: ${diff.w}x${diff.h}, identical to moonreel frame`);
  });

  if (process.env.SCREENSHOT) { // for the README: layers at their times, an in/out range
    type('preview(compose({video("sample.mp4"), image("logo.png"):resize(0.5):at("right", "top", 50):start(0.5):dur(3), ' +
         'text("moonreel preview", {size = 28, color = "white", stroke = {"black", 2}}):at("center", "bottom", 34):start(1.2):dur(2.4)}), 2.5)');
    await page.waitForFunction(() => document.querySelectorAll("#timeline .bar").length === 3 &&
                               document.querySelector("#timeline .bar").style.left !== "0%", null, { timeout: 60000 });
    await page.click("#summary");
    await page.keyboard.press("Shift+ArrowLeft");
    await page.keyboard.press("i");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("o");
    await page.waitForTimeout(1500);
    await page.screenshot({ path: process.env.SCREENSHOT });
    await page.keyboard.press("x");
    type("reload()");
    await page.waitForFunction(() => [...document.querySelectorAll("#timeline .bar")].every(b => b.style.left === "0%"),
                               null, { timeout: 60000 });
  }

  await check("requests without the token, or with a wrong one, are refused; the favicon is answered", async () => {
    const base = url.split("?")[0];
    for (const u of [base, base + "api/state", base + "api/frame?t=1", base + "api/sound?t0=0&t1=1", base + "api/outline",
                     base + "api/render", base + "?token=0123"]) {
      const r = await fetch(u);
      assert.equal(r.status, 403, u);
    }
    const post = await fetch(base + "api/render?path=" + encodeURIComponent(join(work, "x.mp4")), { method: "POST" });
    assert.equal(post.status, 403);
    assert.equal((await fetch(base + "favicon.ico")).status, 204);
    const tok = url.split("token=")[1];
    const big = await fetch(`${base}api/sound?token=${tok}&t0=0&t1=30`);
    assert.equal(big.status, 400, "a sound request is bounded");
    const body = await fetch(`${base}api/render?token=${tok}&path=${encodeURIComponent(join(work, "y.mp4"))}`,
                             { method: "POST", body: "x".repeat(1000) });
    assert.equal(body.status, 413, "request bodies are refused");
    assert.equal(existsSync(join(work, "y.mp4")), false);
  });

  await studioChecks({ page, browser, moonreel, root, work, script, url, layers: 3, mediacheck });
  await soundChecks({ page, type });

  await check("no request failed and nothing was logged as an error", async () => {
    // but the one refusal the render check asks for (a file that exists: 409)
    const asked = problems.filter(p => !/^409 .*\/api\/render\?/.test(p) && !/status of 409 \(Conflict\)/.test(p));
    assert.deepEqual(asked, []);
    assert.equal(problems.length - asked.length, 2, "the render refusal was seen once: " + problems);
  });

  await check("a script error shows over the picture, which stays where it was", async () => {
    const before = await page.locator("#frame").boundingBox();
    writeFileSync(script, 'local x = nil\nreturn x.boom\n');
    type("reload()");
    await page.waitForSelector("#error", { state: "visible", timeout: 30000 });
    assert.match(await page.textContent("#error"), /edit\.lua:2: attempt to index a nil value/);
    const after = await page.locator("#frame").boundingBox();
    assert.deepEqual(after, before, "the picture did not move");
    const err = await page.locator("#error").boundingBox();
    assert.ok(err.y >= before.y && err.y + err.height <= before.y + before.height + 1, "the error lies on the picture");
  });
} finally {
  await browser.close();
  repl.stdin.end();
  repl.kill();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
