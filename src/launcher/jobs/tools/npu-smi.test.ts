import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planDevice } from '../plan.ts';
import { deviceRefusal, npuSmi, parseNpuSmiInfo } from './npu-smi.ts';

const FAKE = fileURLToPath(
  new URL('../../../../e2e/fixtures/fake-npu-smi/npu-smi', import.meta.url),
);
const table = (env: Record<string, string> = {}) =>
  execFileSync(FAKE, ['info'], { env: { ...process.env, ...env }, encoding: 'utf8' });

// An Atlas 800I A2 host's layout: the chip row carries no logical device id.
const A2 = `+------------------------------------------------------------------------------------------------+
| npu-smi 23.0.6                   Version: 23.0.6                                               |
+---------------------------+---------------+----------------------------------------------------+
| NPU   Name                | Health        | Power(W)    Temp(C)           Hugepages-Usage(page)|
| Chip                      | Bus-Id        | AICore(%)   Memory-Usage(MB)  HBM-Usage(MB)        |
+===========================+===============+====================================================+
| 0     910B3               | OK            | 93.4        40                0    / 0             |
| 0                         | 0000:C1:00.0  | 0           0    / 0          3393 / 65536         |
+===========================+===============+====================================================+
| 1     910B3               | Alarm         | 91.0        39                0    / 0             |
| 0                         | 0000:C2:00.0  | 0           0    / 0          3393 / 65536         |
+===========================+===============+====================================================+
+---------------------------+---------------+----------------------------------------------------+
| NPU     Chip              | Process id    | Process name             | Process memory(MB)      |
+===========================+===============+====================================================+
| 0       0                 | 2345          | aoe                      | 2012                    |
+===========================+===============+====================================================+
| No running processes found in NPU 1                                                            |
+===========================+===============+====================================================+
`;

describe('parseNpuSmiInfo', () => {
  it('reads devices, SoC, health and processes of the stand-in table (logical ids in the chip row)', () => {
    const info = parseNpuSmiInfo(table({ FAKE_NPU_SMI_DEVICES: '3', FAKE_NPU_SMI_BUSY: '1' }));
    expect(info.npuIds).toEqual([0, 2, 4]);
    expect(info.devices.map((d) => [d.device, d.npu, d.soc, d.health])).toEqual([
      [0, 0, 'Ascend310P3', 'OK'],
      [1, 2, 'Ascend310P3', 'OK'],
      [2, 4, 'Ascend310P3', 'OK'],
    ]);
    expect(info.devices[1]?.processes).toEqual([{ pid: 40001, name: 'python3' }]);
    expect(info.devices[0]?.processes).toEqual([]);
  });

  it('numbers chips in table order when the chip row has no device column', () => {
    const info = parseNpuSmiInfo(A2);
    expect(info.devices.map((d) => [d.device, d.soc, d.health, d.busId])).toEqual([
      [0, 'Ascend910B3', 'OK', '0000:C1:00.0'],
      [1, 'Ascend910B3', 'Alarm', '0000:C2:00.0'],
    ]);
    expect(info.devices[0]?.processes).toEqual([{ pid: 2345, name: 'aoe' }]);
  });

  it('finds nothing in a driver error', () => {
    expect(parseNpuSmiInfo('dcmi module initialize failed. ret is -8005\n').devices).toEqual([]);
  });
});

describe('deviceRefusal and planDevice', () => {
  const info = parseNpuSmiInfo(A2);
  it.each([
    [0, false, 'CONFLICT', /device 0 is busy: aoe \(pid 2345\)/],
    [1, false, 'BAD_REQUEST', /health Alarm/],
    [
      7,
      false,
      'BAD_REQUEST',
      /device 7 does not exist on this host \(npu-smi lists devices 0, 1\)/,
    ],
  ])('device %i', (device, own, code, message) => {
    expect(planDevice(info, device, own)).toMatchObject({ code, field: '/device', message });
  });

  it("lets a job wait for the launcher's own job on the device, and knows nothing without npu-smi", () => {
    expect(deviceRefusal(info, 0, true)).toBeNull();
    expect(planDevice(null, 9, false)).toBeNull();
  });
});

describe('npu-smi preflight item', () => {
  it('lists devices and SoC, and warns of busy or unhealthy ones', () => {
    const ok = npuSmi.preflight(parseNpuSmiInfo(table()), true);
    expect(ok).toMatchObject({ status: 'ok', values: { devices: '0, 2', soc: 'Ascend310P3' } });
    const warn = npuSmi.preflight(
      parseNpuSmiInfo(table({ FAKE_NPU_SMI_BUSY: '0', FAKE_NPU_SMI_HEALTH: '1:Critical' })),
      true,
    );
    expect(warn.status).toBe('warning');
    expect(warn.message).toContain('device 1 health Critical');
    expect(warn.message).toContain('device 0 busy (python3)');
  });

  it('is an error when npu-smi fails, a warning when it is not there', () => {
    expect(npuSmi.preflight(null, true).status).toBe('error');
    expect(npuSmi.preflight(null, false).status).toBe('warning');
  });

  it('asks the stand-in through its argv and reads a failing driver as unknown', async () => {
    const dir = fileURLToPath(new URL('.', `file://${FAKE}`));
    const env = { PATH: `${dir}:${process.env.PATH ?? ''}` };
    expect((await npuSmi.query(env))?.devices).toHaveLength(2);
    expect(await npuSmi.query({ ...env, FAKE_NPU_SMI_MODE: 'fail' })).toBeNull();
    expect(await npuSmi.query({ PATH: '/nonexistent' })).toBeNull();
  });
});
