// The production server a bench runs (scripts/server.mjs: a primary and its cluster workers) and
// the machine's other processes, as /proc shows them: CPU and memory per process tree, when the
// server is ready, and stopping it for good. Shared by bench/login-http.ts and bench/pages-http.ts.
import { execFileSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { SERVER_SCRIPT } from "../scripts/build-if-needed";

const CLOCK_TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
const PAGE_BYTES = Number(execFileSync("getconf", ["PAGESIZE"], { encoding: "utf8" }));
const SERVER_STOP_GRACE_MS = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function procStat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)", which may hold spaces: [0] is field 3 (state), [1] ppid, [11] utime, [12] stime.
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // exited meanwhile
  }
}

const allPids = () =>
  readdirSync("/proc")
    .filter((n) => /^\d+$/.test(n))
    .map(Number);

/** The process and all its descendants (the cluster's primary and its workers). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const stat = procStat(pid);
    if (!stat) continue;
    const ppid = Number(stat[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

export function postgresPids(): number[] {
  return allPids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
    } catch {
      return false;
    }
  });
}

function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const f = procStat(pid);
    return f ? sum + (Number(f[11]) + Number(f[12])) / CLOCK_TICKS_PER_SECOND : sum;
  }, 0);
}

export function rssBytes(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
    } catch {
      return sum;
    }
  }, 0);
}

/** CPU used by a set of processes over a stretch, in % of one core (so up to cores × 100). */
export function cpuMeter(pids: () => number[]) {
  const perPid = () => new Map(pids().map((pid) => [pid, cpuSeconds([pid])]));
  const start = perPid();
  const startMs = performance.now();
  return () => {
    const end = perPid();
    // A process started meanwhile counts from zero; one that exited meanwhile is lost.
    const used = [...end].reduce((sum, [pid, s]) => sum + s - (start.get(pid) ?? 0), 0);
    return (100 * used) / ((performance.now() - startMs) / 1000);
  };
}

/** Resolves once every worker listens (scripts/server.mjs says so once, from the primary); echoes its output. */
export function serverReady(server: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not say it was ready within ${timeoutMs / 1000} s`)), timeoutMs);
    server.once("exit", (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before it was ready`)));
    createInterface({ input: server.stdout! }).on("line", (line) => {
      console.log(`[server] ${line}`);
      if (line.startsWith("MFA Console ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** SIGTERM to the primary (it stops its workers), then SIGKILL to any of the tree still there. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const tree = processTree(server.pid!);
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await Promise.race([exited, sleep(SERVER_STOP_GRACE_MS)]);
  for (const pid of tree) {
    try {
      // Only our server's processes: a pid reused meanwhile runs something else.
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(SERVER_SCRIPT)) process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
}
