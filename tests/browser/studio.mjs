// studio.mjs: the preview page as a small studio, checked in the browser: the timeline's bars
// and solo, the keyboard (stepping against `moonreel frame`, J/K/L, Home/End, the in/out loop),
// frames at the page's size, and Render. Called by preview.test.mjs on its REPL and page.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import assert from "node:assert/strict";
import { check, refFrame, diffFrame, frameDigest, waitShown, frameT, join } from "./harness.mjs";

const LONG = { timeout: 60000 };

// ctx: {page, browser, moonreel, root, work, script, url, layers}
export async function studioChecks(ctx) {
  const { page, moonreel, work, script } = ctx;
  const text = sel => page.textContent(sel);
  const focusPage = () => page.click("#summary");         // keys go to the page, not a field

  await check("the timeline shows one bar per layer, with its summary on hover", async () => {
    await page.waitForFunction(n => document.querySelectorAll("#timeline .bar").length === n, ctx.layers, LONG);
    const titles = await page.$$eval("#timeline .bar", bars => bars.map(b => b.title));
    assert.equal(titles.length, ctx.layers);
    assert.ok(titles.some(t => /video "sample\.mp4"/.test(t)), titles.join(" | "));
    assert.ok(titles.some(t => /image "logo\.png"/.test(t)), titles.join(" | "));
    assert.ok(titles.some(t => /text "moonreel preview"/.test(t)), titles.join(" | "));
  });

  await check("clicking a bar shows that layer alone, placed as in the compose; again shows all", async () => {
    await focusPage();
    await page.keyboard.press("Home");
    await waitShown(page, 0);
    const all = await frameDigest(page);
    await page.click('#timeline .bar[data-i="1"]');             // the logo
    await page.waitForFunction(() => document.getElementById("badge").style.display === "block");
    const solo = join(work, "solo.lua");
    writeFileSync(solo, 'return compose({image("logo.png"):resize(0.5):at("right", "top", 50)}, ' +
                        '{size = {480, 270}, fps = 30, duration = 4})\n');
    const ref = refFrame(moonreel, solo, "0.000000", join(work, "solo.png"));
    let diff;
    for (let i = 0; i < 100; i++) {                            // the solo frame replaces the full one
      diff = await diffFrame(page, ref);
      if (diff.max === 0) break;
      await page.waitForTimeout(200);
    }
    assert.equal(diff.max, 0, "the solo frame differs from moonreel frame by " + JSON.stringify(diff));
    await page.click('#timeline .bar[data-i="1"]');
    await page.waitForFunction(() => !document.querySelector(".bar.solo"));
    for (let i = 0; i < 100 && (await frameDigest(page)) !== all; i++) await page.waitForTimeout(200);
    assert.equal(await frameDigest(page), all, "the whole picture is back");
  });

  await check("arrows step one frame and shift+arrows one second: frames n and n+1 equal moonreel frame", async () => {
    await focusPage();
    await page.keyboard.press("Home");
    await waitShown(page, 0);
    await page.keyboard.press("Shift+ArrowRight");           // frame 30
    await waitShown(page, frameT(30));
    assert.match(await text("#time"), /frame 30 \/ 120 · 0:01\.000 \/ 0:04\.000/);
    const a = await frameDigest(page);
    let d = await diffFrame(page, refFrame(moonreel, script, frameT(30).toFixed(6), join(work, "n.png")));
    assert.equal(d.max, 0, "frame 30 differs by " + JSON.stringify(d));
    await page.keyboard.press("ArrowRight");                  // frame 31
    await waitShown(page, frameT(31));
    assert.match(await text("#time"), /frame 31 \//);
    d = await diffFrame(page, refFrame(moonreel, script, frameT(31).toFixed(6), join(work, "n1.png")));
    assert.equal(d.max, 0, "frame 31 differs by " + JSON.stringify(d));
    assert.notEqual(await frameDigest(page), a, "frames 30 and 31 are different pictures");
    await page.keyboard.press("ArrowLeft");
    await waitShown(page, frameT(30));
    assert.equal(await frameDigest(page), a);
    await page.keyboard.press("End");
    await waitShown(page, frameT(119));
    await page.keyboard.press("Shift+ArrowLeft");
    await waitShown(page, frameT(89));
    console.log("  frames 30 and 31 stepped to: identical to moonreel frame; End = frame 119");
  });

  await check("L plays forward, K stops, J plays backwards", async () => {
    await focusPage();
    await page.keyboard.press("Home");
    await waitShown(page, 0);
    await page.keyboard.press("l");
    await page.waitForFunction(() => Number(document.getElementById("frame").dataset.t) >= 0.5, null, LONG);
    await page.keyboard.press("k");
    await page.waitForFunction(() => document.getElementById("play").textContent === "play");
    await page.waitForFunction(() => document.getElementById("frame").dataset.t === window.preview.current(), null, LONG);
    const stopped = await page.$eval("#frame", el => el.dataset.t);
    await page.waitForTimeout(600);
    assert.equal(await page.$eval("#frame", el => el.dataset.t), stopped, "K stops");
    await page.keyboard.press("j");
    await page.waitForFunction(s => Number(document.getElementById("frame").dataset.t) < Number(s) - 0.2, stopped, LONG);
    await page.keyboard.press("k");
  });

  await check("I and O set a range that playback loops", async () => {
    await focusPage();
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+ArrowRight");           // in at frame 30
    await waitShown(page, frameT(30));
    await page.keyboard.press("i");
    for (let i = 0; i < 14; i++) await page.keyboard.press("ArrowRight");
    await waitShown(page, frameT(44));
    await page.keyboard.press("o");                          // out after frame 44: [1.0, 1.5)
    assert.match(await text("#inout"), /in 0:01\.000 · out 0:01\.500/);
    await page.evaluate(() => {                               // records every time shown
      window.__seen = [];
      new MutationObserver(() => window.__seen.push(Number(document.getElementById("frame").dataset.t)))
        .observe(document.getElementById("frame"), { attributes: true, attributeFilter: ["data-t"] });
    });
    await page.keyboard.press(" ");
    await page.waitForFunction(() => {                        // a jump back: it looped
      const s = window.__seen;
      for (let i = 1; i < s.length; i++) if (s[i] < s[i - 1] - 0.2) return true;
      return false;
    }, null, { timeout: 90000 });
    await page.keyboard.press(" ");
    const seen = await page.evaluate(() => window.__seen);
    const outside = seen.filter(t => t < 1 - 1e-6 || t >= 1.5 - 1e-6);
    assert.deepEqual(outside, [], "frames outside the range: " + outside);
    await page.keyboard.press("x");
    assert.equal(await text("#inout"), "");
  });

  await check("frames come at the size the picture occupies (times devicePixelRatio), at most the clip's", async () => {
    for (const [width, scale] of [[420, 1], [420, 2]]) {
      const p = await ctx.browser.newPage({ viewport: { width, height: 700 }, deviceScaleFactor: scale });
      await p.goto(ctx.url);
      await p.waitForFunction(() => document.getElementById("frame").dataset.t !== undefined, null, LONG);
      const got = await p.evaluate(() => {
        const img = document.getElementById("frame"), r = document.getElementById("stage").getBoundingClientRect();
        return { nat: img.naturalWidth, css: r.width, dpr: devicePixelRatio };
      });
      const want = Math.min(480, Math.round(got.css * got.dpr));
      assert.ok(Math.abs(got.nat - want) <= 1, JSON.stringify(got) + " want " + want);
      console.log(`  ${width} px wide at ${scale}x: a ${got.nat} px frame for ${got.css} css px`);
      await p.close();
    }
  });

  await check("Render writes the in/out range to a file, with progress, and never overwrites unasked", async () => {
    await focusPage();
    await page.keyboard.press("Home");
    await page.keyboard.press("Shift+ArrowRight");
    await waitShown(page, frameT(30));
    await page.keyboard.press("i");
    await page.keyboard.press("Shift+ArrowRight");
    await waitShown(page, frameT(60));
    await page.keyboard.press("o");                           // [1.0, 2.0333): 31 frames
    const def = await page.$eval("#render-path", el => el.value);
    assert.equal(def, join(work, "edit_render.mp4"), "the default path is beside the script");
    const out = join(work, "range.mp4");
    await page.fill("#render-path", out);
    await page.fill("#render-opts", "crf=30 preset=ultrafast");
    await page.click("#render");
    await page.waitForFunction(() => ["done", "failed"].includes(document.getElementById("render-status").dataset.state),
                               null, { timeout: 120000 });
    assert.equal(await text("#render-status"), "written: " + out);
    assert.ok(existsSync(out));
    assert.deepEqual(await page.$eval("#render-progress", b => [b.max, b.value]), [31, 31], "the progress bar counts the range's frames");
    const info = execFileSync(ctx.mediacheck, [out]).toString();
    const m = info.match(/video (\d+)x(\d+) fps=30\/1 frames=(\d+)/);
    assert.ok(m, info);
    assert.deepEqual([m[1], m[2], m[3]], ["480", "270", "31"], info);
    assert.match(info, /audio 48000 2 /);
    console.log("  " + info.trim().split("\n").join(" | "));
    await page.click("#render");                              // the same name again: refused
    await page.waitForFunction(() => document.getElementById("render-status").dataset.state === "refused", null, LONG);
    assert.match(await text("#render-status"), /exists: tick "replace"/);
    await page.keyboard.press("x");
  });
}
