// Localized names of the formats, AOE layouts and profiler header sets, shared by every page that
// says what a file is ("AOE operator tuning, CANN 6.3+ layout"). Ids containing dots are keyed
// with '_' instead (i18next reads '.' as nesting): see `labelKey` in format-label.ts.
import { registerStrings } from '../i18n/index.ts';
import { FORMATS } from '../../core/formats/registry.ts';

/** Each format names itself in both languages (its module in core/formats). */
function namesIn(lang: 'en' | 'zh-CN'): Record<string, string> {
  return Object.fromEntries(FORMATS.map((m) => [m.id, m.names[lang]]));
}

export const FORMATS_NS = 'formats';

registerStrings(FORMATS_NS, {
  en: {
    format: { ...namesIn('en'), unknown: 'Unrecognised file' },
    generation: {
      'cann-6_0': 'CANN 6.0.x layout',
      'cann-6_2': 'CANN 6.2 layout',
      'cann-6_3+': 'CANN 6.3+ layout',
      sgat: 'read best effort (AOE does not publish this file’s fields)',
      unknown: 'unknown CANN layout',
    },
    layout: {
      array: 'array of sections',
      'report-map': 'several tasks (report map)',
      'bare-object': 'single object',
    },
    headerSet: {
      'torch_npu-mixed': 'mixed torch_npu/msprof header',
      'torch_npu-level0': 'torch_npu Level0 header',
      'torch_npu-level1-block-num': 'torch_npu Level1/2 header, 2026-02 and later',
      'torch_npu-level1-2025_06': 'torch_npu Level1/2 header, 2025-06 to 2026-01',
      'torch_npu-level1-2025_01': 'torch_npu Level1/2 header, 2024 to 2025-05',
      'torch_npu-level1-2023': 'torch_npu Level1/2 header, 2023',
      'msprof-block-num': 'msprof header, 2026-01 and later',
      'msprof-8_x': 'msprof header, CANN 8.x',
      'msprof-7_x': 'msprof header, CANN 7.x',
      'msprof-legacy': 'older msprof header',
      'op_statistic-model-name': 'msprof whole-network header (Model Name)',
      'op_statistic-device': 'header with Device_id (CANN 8.x+, torch_npu 2025-06+)',
      'op_statistic-torch_npu': 'header without Device_id',
      'torch_npu-db': 'torch_npu database export',
      'msprof-db': 'msprof database export (--type=db)',
      'trtexec-layers': 'TensorRT per-layer times',
    },
    incomplete: 'incomplete',
    separator: ', ',
  },
  'zh-CN': {
    format: { ...namesIn('zh-CN'), unknown: '无法识别的文件' },
    generation: {
      'cann-6_0': 'CANN 6.0.x 格式',
      'cann-6_2': 'CANN 6.2 格式',
      'cann-6_3+': 'CANN 6.3+ 格式',
      sgat: '尽力解析（AOE 未公开此文件的字段）',
      unknown: '未知 CANN 格式',
    },
    layout: {
      array: '分段数组',
      'report-map': '多任务报告',
      'bare-object': '单个对象',
    },
    headerSet: {
      'torch_npu-mixed': 'torch_npu/msprof 混合表头',
      'torch_npu-level0': 'torch_npu Level0 表头',
      'torch_npu-level1-block-num': 'torch_npu Level1/2 表头（2026-02 及以后）',
      'torch_npu-level1-2025_06': 'torch_npu Level1/2 表头（2025-06 至 2026-01）',
      'torch_npu-level1-2025_01': 'torch_npu Level1/2 表头（2024 至 2025-05）',
      'torch_npu-level1-2023': 'torch_npu Level1/2 表头（2023）',
      'msprof-block-num': 'msprof 表头（2026-01 及以后）',
      'msprof-8_x': 'msprof 表头（CANN 8.x）',
      'msprof-7_x': 'msprof 表头（CANN 7.x）',
      'msprof-legacy': '旧版 msprof 表头',
      'op_statistic-model-name': 'msprof 整网表头（Model Name）',
      'op_statistic-device': '含 Device_id 的表头（CANN 8.x+、torch_npu 2025-06+）',
      'op_statistic-torch_npu': '不含 Device_id 的表头',
      'torch_npu-db': 'torch_npu 数据库导出',
      'msprof-db': 'msprof 数据库导出（--type=db）',
      'trtexec-layers': 'TensorRT 逐层耗时',
    },
    incomplete: '不完整',
    separator: '，',
  },
});
