// sound.mjs: the preview page's sound, checked in the browser: playback feeds Web Audio with
// the clip's sound (a tone's buffer has the tone's frequency), scrubbing plays a 100 ms grain
// of it, and the mute button silences the page. Called by preview.test.mjs.
import assert from "node:assert/strict";
import { check } from "./harness.mjs";

const FREQ = 523;   // not a round number: a page that made up its sound would not hit it

// The frequency of the page's last decoded buffer, from its zero crossings (channel 0), and
// its length in samples and its peak.
async function lastTone(page) {
  return page.evaluate(() => {
    const b = window.preview.lastBuffer, d = b.getChannelData(0);
    let crossings = 0, peak = 0;
    for (let i = 1; i < d.length; i++) { if ((d[i - 1] < 0) !== (d[i] < 0)) crossings++; peak = Math.max(peak, Math.abs(d[i])); }
    return { freq: crossings / 2 / b.duration, length: b.length, rate: b.sampleRate, peak };
  });
}

// ctx: {page, type (a line to the REPL)}
export async function soundChecks(ctx) {
  const { page } = ctx;
  await check("playing a tone clip feeds the page's audio with that tone", async () => {
    ctx.type(`preview(compose({color("#203050", 320, 180), tone(${FREQ})}, {duration = 6}))`);
    await page.waitForFunction(() => /320x180, 30 fps, 0:06\.000, audio/.test(document.getElementById("summary").textContent),
                               null, { timeout: 60000 });
    // the page's count of chunks runs over its whole life: earlier checks played sample.mp4's
    // sound (a 440 Hz tone), so this playback's chunks are those after `before`
    const before = await page.evaluate(() => window.preview.chunks);
    await page.click("#play");                                // a gesture: the page may start its sound
    await page.waitForFunction(() => window.preview.audioState() === "running", null, { timeout: 30000 });
    await page.waitForFunction(n => window.preview.chunks >= n + 2, before, { timeout: 60000 });
    const tone = await lastTone(page);
    await page.waitForFunction(() => Number(document.getElementById("frame").dataset.t) >= 0.3, null, { timeout: 60000 });
    await page.click("#play");                                // pause
    assert.equal(tone.rate, 48000);
    assert.ok(tone.length >= 4800, "a chunk of " + tone.length + " samples");
    assert.ok(Math.abs(tone.freq - FREQ) < 3, `heard ${tone.freq.toFixed(1)} Hz, want ${FREQ}`);
    assert.ok(tone.peak > 0.45 && tone.peak < 0.55, "peak " + tone.peak);
    console.log(`  playback chunk: ${tone.length} samples, ${tone.freq.toFixed(1)} Hz, peak ${tone.peak.toFixed(3)}`);
  });

  await check("scrubbing plays a 100 ms grain of the sound where it stops", async () => {
    const before = await page.evaluate(() => window.preview.chunks);
    const box = await page.locator("#scrub").boundingBox();
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.waitForFunction(n => window.preview.chunks > n, before, { timeout: 30000 });
    const grain = await lastTone(page);
    assert.equal(grain.length, 4800);
    assert.ok(Math.abs(grain.freq - FREQ) < 12, `the grain has ${grain.freq.toFixed(1)} Hz`);
  });

  await check("the mute button silences the page's sound, and gives it back", async () => {
    await page.click("#mute");
    assert.equal(await page.textContent("#mute"), "sound off");
    const before = await page.evaluate(() => window.preview.chunks);
    const box = await page.locator("#scrub").boundingBox();
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.waitForTimeout(1500);                          // a grain would have come by now
    assert.equal(await page.evaluate(() => window.preview.chunks), before, "no grain while muted");
    await page.click("#mute");
    assert.equal(await page.textContent("#mute"), "sound on");
  });
}
