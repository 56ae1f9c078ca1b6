// Debian's nginx with the configuration shipped in deploy/nginx/, on a high port, for the
// integration test (tests/integration/) and the bench's proxy scenario (bench/run.mjs).
// Only what must differ on a test machine is changed: the upstream addresses and the cache
// directory in undersigned-http.conf, and a plain-HTTP server {} on 127.0.0.1 instead of the
// TLS site (undersigned-site.conf); undersigned-locations.conf is included as shipped.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const DEPLOY = path.join(root, "deploy/nginx");
const CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx"];

/** The nginx binary, or undefined when it is not installed (.ci/run installs it). */
export function nginxBinary() {
  return CANDIDATES.find((file) => fs.existsSync(file));
}

/**
 * undersigned-http.conf with the given upstream ports and cache directory. Throws when the
 * shipped file no longer has what is replaced, so a change there cannot go untested.
 * @param {number[]} ports
 * @param {string} cacheDir
 */
export function renderHttpConf(ports, cacheDir) {
  const shipped = fs.readFileSync(path.join(DEPLOY, "undersigned-http.conf"), "utf8");
  const upstream = /upstream undersigned \{\n((?:\s*server \S+[^\n]*;\n)+)/.exec(shipped);
  if (!upstream) throw new Error("deploy/nginx/undersigned-http.conf: no `upstream undersigned { server …; }` block");
  const first = /^(\s*)server \S+( [^;\n]*)?;$/m.exec(upstream[1]);
  const indent = first?.[1] ?? "    ";
  const params = first?.[2] ?? "";
  const servers = ports.map((port) => `${indent}server 127.0.0.1:${port}${params};\n`).join("");
  const rendered = shipped
    .replace(upstream[1], servers)
    .replace("/var/cache/nginx/undersigned", cacheDir.replace(/\\/g, "/"));
  if (!rendered.includes(cacheDir))
    throw new Error("deploy/nginx/undersigned-http.conf: no proxy_cache_path to replace");
  return rendered;
}

/**
 * Starts nginx in the foreground (its own master process) in front of the given app ports.
 * @param {{ port: number, upstreams: number[] }} options
 */
export async function startNginx({ port, upstreams }) {
  const binary = nginxBinary();
  if (!binary) throw new Error("nginx is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "undersigned-nginx-"));
  // Run as root, nginx's workers are `nobody`: they must reach the cache and temp directories.
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "undersigned-http.conf"), renderHttpConf(upstreams, path.join(dir, "cache")));
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 2048; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/undersigned-http.conf;
    server {
        listen 127.0.0.1:${port};
        include ${DEPLOY}/undersigned-locations.conf;
    }
}
`,
  );
  const child = spawn(binary, ["-c", conf, "-e", path.join(dir, "error.log"), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${output}\n${errorLog(dir)}`);
    // A bare connection, so that no request reaches (and no failure is charged to) an instance.
    const listening = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (listening) break;
    if (Date.now() > deadline) throw new Error(`nginx did not start:\n${output}\n${errorLog(dir)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dir,
    log: () => errorLog(dir),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT"); // graceful
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function errorLog(dir) {
  try {
    return fs.readFileSync(path.join(dir, "error.log"), "utf8");
  } catch {
    return "";
  }
}
