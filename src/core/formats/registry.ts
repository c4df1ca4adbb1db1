// Every format the dashboard reads. Adding a format = a new folder and one line here.
import type { FormatModule } from './types.ts';

export const FORMATS: readonly FormatModule[] = [];
