// `npu-smi info`: the devices of this host, their health, their SoC (`Ascend<Chip Name>`, the
// value atc's --soc_version takes, AOE-CLI.md §1.2) and the processes using them. The launcher asks
// it before a job is queued (a job naming a missing, unhealthy or busy device is refused with the
// reason) and for the preflight's `devices` item. Read-only: it is a query, not a job step.
//
// The table: per NPU a name row `| <npu> <name> | <health> | <power> <temp> …|` and a chip row
// `| <chip> [<device>] | <bus id> | <aicore%> <mem used> / <mem total> …|`; then a process table
// with `| <npu> <chip> | <pid> | <name> | <memory> |` rows or `| No running processes found in
// NPU <npu> |`. Older cards print the logical device id in the chip row; where it is absent the
// chips count in table order, which is how the driver numbers logical devices.
import { execa } from 'execa';
import { resolveBinary, type Env } from '../env.ts';
import type { PreflightItem } from './tool.ts';

export interface NpuProcess {
  readonly pid: number;
  readonly name: string;
}

export interface NpuDevice {
  /** The logical device id: what `--device` and ASCEND_DEVICE_ID take. */
  readonly device: number;
  readonly npu: number;
  readonly chip: number;
  /** Chip name as npu-smi prints it ("310P3", "910B3"). */
  readonly name: string;
  /** `Ascend<name>`: atc's --soc_version. */
  readonly soc: string;
  /** OK, Warning, Alarm, Critical, … as printed. */
  readonly health: string;
  readonly busId: string | null;
  readonly processes: readonly NpuProcess[];
}

export interface NpuInfo {
  readonly devices: readonly NpuDevice[];
  /** NPU ids as the table lists them (card slots; not always 0..N-1). */
  readonly npuIds: readonly number[];
}

const cellsOf = (line: string): string[] | null => {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|')) return null;
  return t
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
};

export function parseNpuSmiInfo(text: string): NpuInfo {
  interface Building {
    device: number;
    npu: number;
    chip: number;
    name: string;
    health: string;
    busId: string | null;
    processes: NpuProcess[];
  }
  const devices: Building[] = [];
  const npuIds: number[] = [];
  let current: { npu: number; name: string; health: string } | null = null;
  let inProcesses = false;
  for (const line of text.split(/\r?\n/)) {
    const cells = cellsOf(line);
    if (!cells || cells.length < 2) continue;
    const [first = '', second = '', third = ''] = cells;
    if (/^NPU\s+Chip$/i.test(first) && /Process id/i.test(second)) {
      inProcesses = true;
      continue;
    }
    if (!inProcesses) {
      const nameRow = /^(\d+)\s+([A-Za-z0-9][\w-]*)$/.exec(first);
      const chipRow = /^(\d+)(?:\s+(\d+))?$/.exec(first);
      const bus = /^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d$/.test(second);
      if (chipRow && bus && current) {
        const chip = Number(chipRow[1]);
        const device = chipRow[2] !== undefined ? Number(chipRow[2]) : devices.length;
        devices.push({ ...current, chip, device, busId: second, processes: [] });
      } else if (
        nameRow?.[1] !== undefined &&
        nameRow[2] !== undefined &&
        /^[A-Za-z]+$/.test(second)
      ) {
        current = { npu: Number(nameRow[1]), name: nameRow[2], health: second };
        if (!npuIds.includes(current.npu)) npuIds.push(current.npu);
      }
      continue;
    }
    const proc = /^(\d+)\s+(\d+)$/.exec(first);
    if (proc && /^\d+$/.test(second)) {
      const npu = Number(proc[1]);
      const chip = Number(proc[2]);
      const owner = devices.find((d) => d.npu === npu && d.chip === chip);
      owner?.processes.push({ pid: Number(second), name: third });
    }
  }
  return {
    devices: devices.map((d) => ({ ...d, soc: `Ascend${d.name}` })),
    npuIds: [...npuIds].sort((a, b) => a - b),
  };
}

const HEALTHY = new Set(['OK', 'Warning']);

/**
 * Why a job may not be queued on `device`, or null when it may. A device the launcher itself is
 * using (`ownBusy`) is not refused: the job waits for the launcher's own job there.
 */
export function deviceRefusal(
  info: NpuInfo,
  device: number,
  ownBusy: boolean,
): { readonly why: 'missing' | 'unhealthy' | 'busy'; readonly message: string } | null {
  const d = info.devices.find((x) => x.device === device);
  if (!d) {
    const ids = info.devices.map((x) => x.device).join(', ') || 'none';
    const message = `device ${device} does not exist on this host (npu-smi lists devices ${ids})`;
    return { why: 'missing', message };
  }
  if (!HEALTHY.has(d.health)) {
    return { why: 'unhealthy', message: `device ${device} reports health ${d.health} in npu-smi` };
  }
  if (d.processes.length > 0 && !ownBusy) {
    const who = d.processes.map((p) => `${p.name} (pid ${p.pid})`).join(', ');
    const message = `device ${device} is busy: ${who} runs on it; AOE and measurements need the device to themselves`;
    return { why: 'busy', message };
  }
  return null;
}

export const npuSmi = {
  name: 'npu-smi' as const,
  program: 'npu-smi',
  argv: ['info'] as const,
  /** Runs `npu-smi info`; null when it is missing, fails or does not answer in time. */
  async query(env: Env, timeoutMs = 10_000): Promise<NpuInfo | null> {
    const bin = resolveBinary(this.program, env);
    if (!bin) return null;
    const r = await execa(bin, [...this.argv], {
      env,
      extendEnv: false,
      reject: false,
      timeout: timeoutMs,
      stdin: 'ignore',
    });
    if (r.exitCode !== 0) return null;
    return parseNpuSmiInfo(String(r.stdout));
  },
  /** The preflight's `devices` item: which devices there are, and which are unhealthy or busy. */
  preflight(info: NpuInfo | null, found: boolean): PreflightItem {
    if (info === null) {
      return found
        ? { id: 'devices', status: 'error', message: 'npu-smi info failed: is the driver loaded?' }
        : {
            id: 'devices',
            status: 'warning',
            message: 'npu-smi was not found: devices cannot be listed.',
          };
    }
    if (info.devices.length === 0 && info.npuIds.length === 0) {
      return { id: 'devices', status: 'error', message: 'npu-smi lists no device.' };
    }
    const sick = info.devices.filter((d) => !HEALTHY.has(d.health));
    const busy = info.devices.filter((d) => d.processes.length > 0);
    const notes = [
      ...sick.map((d) => `device ${d.device} health ${d.health}`),
      ...busy.map((d) => `device ${d.device} busy (${d.processes.map((p) => p.name).join(', ')})`),
    ];
    const socs = [...new Set(info.devices.map((d) => d.soc))];
    return {
      id: 'devices',
      status: notes.length > 0 ? 'warning' : 'ok',
      message: `npu-smi lists devices ${info.npuIds.join(', ')}${socs.length ? ` (${socs.join(', ')})` : ''}${notes.length ? `; ${notes.join('; ')}` : ''}.`,
      values: {
        devices: info.npuIds.join(', '),
        logical: info.devices.map((d) => d.device).join(', '),
        soc: socs.join(', '),
        busy: busy.map((d) => d.device).join(', '),
        unhealthy: sick.map((d) => d.device).join(', '),
      },
    };
  },
};
