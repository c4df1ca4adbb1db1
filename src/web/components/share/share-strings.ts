// Strings of the share control (copy link, copy permalink) and of the badge that marks a shared,
// read-only page, in both UI languages.
import { registerStrings } from '../../i18n/index.ts';

export const SHARE_NS = 'share';

registerStrings(SHARE_NS, {
  en: {
    copy: 'Copy link',
    copied: 'Link copied ({{size}}).',
    copyFailed: 'Copying was refused by the browser; the link is below.',
    linkLabel: 'Share link',
    long: 'The link is long ({{size}}); some chat tools cut long links.',
    tooLarge: 'This is too large for a link ({{size}}). Export it instead (Markdown, CSV or JSON).',
    tooLargeLauncher:
      'This is too large for a link ({{size}}). Store it on this launcher as a permalink, or export it.',
    permalink: 'Store on the launcher',
    copyPermalink: 'Copy permalink',
    permalinkDone: 'Stored on the launcher: {{url}}',
    permalinkFailed: 'The launcher did not store it: {{message}}',
    tokenNeeded:
      'Storing on the launcher needs its access token (printed by “aoe-dashboard serve”, also asked for on the Launch page).',
    tokenRefused: 'The launcher refused this token. Enter the token it printed when it started.',
    tokenLabel: 'Launcher token',
    badge: 'Shared · read-only',
    badgeHint: 'Opened from a link: not in your workspace until you add it.',
  },
  'zh-CN': {
    copy: '复制链接',
    copied: '链接已复制（{{size}}）。',
    copyFailed: '浏览器拒绝了复制；链接显示在下方。',
    linkLabel: '共享链接',
    long: '链接较长（{{size}}），部分聊天工具会截断长链接。',
    tooLarge: '内容太大，无法放入链接（{{size}}）。请改为导出（Markdown、CSV 或 JSON）。',
    tooLargeLauncher: '内容太大，无法放入链接（{{size}}）。可保存到此启动器生成永久链接，或导出。',
    permalink: '保存到启动器',
    copyPermalink: '复制永久链接',
    permalinkDone: '已保存到启动器：{{url}}',
    permalinkFailed: '启动器未能保存：{{message}}',
    tokenNeeded:
      '保存到启动器需要其访问令牌（由 “aoe-dashboard serve” 打印，启动页面也会要求输入）。',
    tokenRefused: '启动器拒绝了此令牌。请输入它启动时打印的令牌。',
    tokenLabel: '启动器令牌',
    badge: '共享 · 只读',
    badgeHint: '通过链接打开：在添加到您的工作区之前，它不在工作区中。',
  },
});
