// preview.test.mjs: the preview page in a real browser (Debian's chromium, headless, driven by
// playwright-core): load the page, drag the scrubber, and check that the frame shown equals
// `moonreel frame` at the same time, pixel for pixel; requests without the token are refused;
// a script error shows on the page. Exit 77 (skipped) when chromium or playwright-core is missing.
//   node preview.test.mjs MOONREEL PROJECT_ROOT
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const [moonreel, root] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
let chromium;
try { ({ chromium } = await import("playwright-core")); } catch { }
if (!chromium || !existsSync(chromiumPath)) {
  console.log(`skipped: ${!chromium ? "playwright-core is not installed (npm ci in tests/browser)" : chromiumPath + " is missing"}`);
  process.exit(77);
}

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

// the REPL with its page; its stdin stays open (we type reload() into it later)
const repl = spawn(moonreel, ["repl", script, "--serve", "--backend", "cpu"], { stdio: ["pipe", "pipe", "inherit"] });
const url = await new Promise((ok, fail) => {
  let out = "";
  repl.stdout.on("data", d => { out += d; const m = out.match(/preview page: (\S+)/); if (m) ok(m[1]); });
  repl.on("exit", c => fail(new Error("the REPL exited with " + c)));
  setTimeout(() => fail(new Error("no page address in: " + out)), 15000);
});
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log("ok: " + name); }
  catch (e) { failed++; console.log("FAIL: " + name + ": " + e.message); }
}
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById("frame").dataset.t !== undefined);

  await check("the page shows the clip's summary", async () => {
    const summary = await page.textContent("#summary");
    assert.match(summary, /480x270, 30 fps, 0:04\.000/);
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
    await page.waitForFunction(t => Math.abs(Number(document.getElementById("frame").dataset.t) - t) < 1e-3, want);
    const t = Number(await page.$eval("#frame", el => el.dataset.t));
    assert.ok(t > 1.5 && t < 3.5, "dragged to " + t);
    const ref = join(work, "ref.png");
    execFileSync(moonreel, ["frame", script, "-t", t.toFixed(4), "-o", ref, "--backend", "cpu"]);
    const refUrl = "data:image/png;base64," + readFileSync(ref).toString("base64");
    const diff = await page.evaluate(async refUrl => {
      const pixels = img => { const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
        const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height); };
      const ref = new Image(); ref.src = refUrl; await ref.decode();
      const a = pixels(document.getElementById("frame")), b = pixels(ref);
      if (a.width !== b.width || a.height !== b.height) return { size: [a.width, a.height, b.width, b.height] };
      let max = 0; for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
      return { max, w: a.width, h: a.height };
    }, refUrl);
    assert.equal(diff.size, undefined, "sizes differ: " + JSON.stringify(diff.size));
    assert.equal(diff.max, 0, "pixels differ by " + diff.max);
    console.log(`  frame at ${t.toFixed(3)} s: ${diff.w}x${diff.h}, identical to moonreel frame`);
  });

  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT }); // for the README

  await check("requests without the token, or with a wrong one, are refused", async () => {
    const base = url.split("?")[0];
    for (const u of [base, base + "api/state", base + "api/frame?t=1", base + "?token=0123"]) {
      const r = await fetch(u);
      assert.equal(r.status, 403, u);
    }
  });

  await check("a script error shows on the page", async () => {
    writeFileSync(script, 'local x = nil\nreturn x.boom\n');
    repl.stdin.write("reload()\n");
    await page.waitForSelector("#error", { state: "visible", timeout: 10000 });
    const text = await page.textContent("#error");
    assert.match(text, /edit\.lua:2: attempt to index a nil value/);
  });
} finally {
  await browser.close();
  repl.stdin.end();
  repl.kill();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
