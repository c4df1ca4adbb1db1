// The tools the launcher can run. Adding a tool = its adapter file, its stand-in under
// e2e/fixtures/, and one line here.
import { aoeTool } from './aoe.ts';
import { aisBenchTool } from './ais-bench.ts';
import { atcTool } from './atc.ts';
import { converterLiteTool } from './converter-lite.ts';
import { msliteBenchmarkTool } from './mslite-benchmark.ts';
import { msprofTool } from './msprof.ts';
import type { ToolAdapter, ToolName } from './tool.ts';

/** An adapter whose step parameters the caller got from that same adapter's plan. */
export type AnyTool = ToolAdapter<never>;

export const TOOLS: Readonly<Partial<Record<ToolName, AnyTool>>> = {
  aoe: aoeTool as AnyTool,
  atc: atcTool as AnyTool,
  ais_bench: aisBenchTool as AnyTool,
  msprof: msprofTool as AnyTool,
  converter_lite: converterLiteTool as AnyTool,
  mslite_benchmark: msliteBenchmarkTool as AnyTool,
};

export function toolOf(name: ToolName): AnyTool {
  const tool = TOOLS[name];
  if (!tool) throw new Error(`no adapter for ${name}`);
  return tool;
}
