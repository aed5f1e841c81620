// harness.mjs: what the browser tests share: the REPL with its page, chromium, named checks,
// reference frames from `moonreel frame`, and pixel comparison inside the page.
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// Starts `moonreel repl SCRIPT --serve` in dir (stdin kept open for commands); resolves to
// {repl, url, type(line)} once it prints the page's address (rejects after 30 s or on exit).
export async function startRepl(moonreel, script, dir) {
  const repl = spawn(moonreel, ["repl", script, "--serve", "--backend", "cpu"],
                     { cwd: dir, stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, MOONREEL_PREVIEW_DIR: dir } });
  const url = await new Promise((ok, fail) => {
    let out = "";
    repl.stdout.on("data", d => { out += d; const m = out.match(/preview page: (\S+)/); if (m) ok(m[1]); });
    repl.on("exit", c => fail(new Error("the REPL exited with " + c)));
    setTimeout(() => fail(new Error("no page address in: " + out)), 30000);
  });
  return { repl, url, type: line => repl.stdin.write(line + "\n") };
}

// Counts passed and failed checks; a failed one prints why and the run goes on.
export const results = { passed: 0, failed: 0 };
export async function check(name, fn) {
  try { await fn(); results.passed++; console.log("ok: " + name); }
  catch (e) { results.failed++; console.log("FAIL: " + name + ": " + (e.stack || e.message)); }
}

// `moonreel frame SCRIPT -t T` as a data: URL (the reference a page's frame must equal).
export function refFrame(moonreel, script, t, out) {
  execFileSync(moonreel, ["frame", script, "-t", String(t), "-o", out, "--backend", "cpu"], { stdio: "pipe" });
  return "data:image/png;base64," + readFileSync(out).toString("base64");
}

// The largest difference of one channel between the page's #frame and the image at refUrl
// ({size} when their sizes differ).
export async function diffFrame(page, refUrl) {
  return page.evaluate(async refUrl => {
    const pixels = img => { const c = document.createElement("canvas"); c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext("2d"); g.drawImage(img, 0, 0); return g.getImageData(0, 0, c.width, c.height); };
    const ref = new Image(); ref.src = refUrl; await ref.decode();
    const a = pixels(document.getElementById("frame")), b = pixels(ref);
    if (a.width !== b.width || a.height !== b.height) return { size: [a.width, a.height, b.width, b.height] };
    let max = 0; for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i] - b.data[i]));
    return { max, w: a.width, h: a.height };
  }, refUrl);
}

// A digest of the frame on the page (to tell two frames apart).
export async function frameDigest(page) {
  return page.evaluate(() => {
    const img = document.getElementById("frame"), c = document.createElement("canvas");
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext("2d"); g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let h = 2166136261; for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d[i], 16777619);
    return (h >>> 0).toString(16) + "@" + c.width + "x" + c.height;
  });
}

// Waits until the page shows the frame for time t (its dataset.t, as the page wrote it).
export async function waitShown(page, t, timeout = 60000) {
  await page.waitForFunction(t => document.getElementById("frame").dataset.t === t, t.toFixed(6), { timeout });
}

export const frameT = (n, fps = 30) => n / fps;
export { join };
