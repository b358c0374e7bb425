// `npm start`: prepares in a child process (scripts/prepare-start.ts: build, migrations, demo
// seed, the demo logins printed), then serves on $PORT (3000) with scripts/server.mjs. This parent
// is plain Node and only waits for the server: the preparation — TypeScript, Prisma, the embedded
// PGlite it migrates and seeds — lived in this process before, and stayed resident beside the
// server at 250–450 MB (issue 11). Now it exits with its child once its work is done.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const port = process.env.PORT ?? "3000";

// `node --import tsx`: one process with an IPC channel to this one (the tsx CLI would add another).
const prepare = spawn(process.execPath, ["--import", "tsx", here("./prepare-start.ts")], {
  stdio: ["inherit", "inherit", "inherit", "ipc"],
  env: { ...process.env, PORT: port },
});
let handedOver = null;
prepare.on("message", (message) => (handedOver = message.env));
const prepared = await new Promise((resolve) => prepare.on("exit", (code, signal) => resolve({ code, signal })));
if (prepared.code !== 0 || !handedOver) process.exit(prepared.code || 1);

const server = spawn(process.execPath, [here("./server.mjs")], { stdio: "inherit", env: { ...process.env, ...handedOver, PORT: port } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
