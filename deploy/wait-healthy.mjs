// Waits until a URL answers 200 (an instance's /healthz), or fails after N seconds:
//   node deploy/wait-healthy.mjs http://127.0.0.1:3001/healthz [seconds=60]
// Used by deploy/systemd/undersigned@.service (ExecStartPost), so that restarting an
// instance returns only once it serves again.
const [url, seconds = "60"] = process.argv.slice(2);
if (!url) {
  console.error("usage: node deploy/wait-healthy.mjs <url> [seconds]");
  process.exit(2);
}
const deadline = Date.now() + Number(seconds) * 1000;
for (;;) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    if (response.ok) process.exit(0);
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(`${url} did not answer 200 within ${seconds} s`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}
