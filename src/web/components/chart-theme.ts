// Recharts draws tooltips with inline styles; these follow the theme's CSS variables so a tooltip
// reads the same in light and dark on every chart.
export const THEMED_TOOLTIP = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    color: 'var(--fg)',
  },
  cursor: { fill: 'var(--surface-2)' },
} as const;
