// Strings of the shared view (opening a share link or a launcher permalink), both UI languages.
import { registerStrings } from '../../i18n/index.ts';

export const SHARED_NS = 'sharedView';

registerStrings(SHARED_NS, {
  en: {
    opening: 'Opening the shared view…',
    title: 'This link cannot be opened',
    toWorkspace: 'Go to the workspace',
    codes: {
      UNKNOWN_FORMAT: 'This is not a dashboard share link.',
      UNREADABLE: 'The link is corrupted: part of it was changed or lost when it was copied.',
      TRUNCATED: 'The link is cut short: it was probably not copied completely. Ask for it again.',
      NOT_JSON: 'The link is corrupted: its content cannot be read.',
      TOO_LARGE: 'The link is too large to open safely.',
      UNSUPPORTED_VERSION: 'The link was made by a newer version of the dashboard.',
      SCHEMA_MISMATCH: 'The link’s content is not a valid comparison.',
      NOT_FOUND: 'No shared comparison with this id on this launcher (it may have been deleted).',
      NETWORK: 'The launcher could not be reached.',
      other: 'The link cannot be opened.',
    },
    details: 'Details',
    session: {
      label: 'Shared view',
      title: 'Shared view · read-only.',
      fromLink_one:
        'You are looking at {{count}} run from a link. Your own workspace is unchanged.',
      fromLink_other:
        'You are looking at {{count}} runs from a link. Your own workspace is unchanged.',
      fromPermalink_one:
        'You are looking at {{count}} run from a launcher permalink. Your own workspace is unchanged.',
      fromPermalink_other:
        'You are looking at {{count}} runs from a launcher permalink. Your own workspace is unchanged.',
      fromLinkProfiles:
        'You are looking at a comparison of two profiles from a link. Your own workspace is unchanged.',
      fromPermalinkProfiles:
        'You are looking at a comparison of two profiles from a launcher permalink. Your own workspace is unchanged.',
      fromLinkProfile: 'You are looking at a profile from a link. Your own workspace is unchanged.',
      fromPermalinkProfile:
        'You are looking at a profile from a launcher permalink. Your own workspace is unchanged.',
      show: 'Show the shared runs',
      showProfiles: 'Show the shared comparison',
      showProfile: 'Show the shared profile',
      save: 'Add to my workspace',
      leave: 'Back to my workspace',
      saved: 'Added to your workspace.',
    },
  },
  'zh-CN': {
    opening: '正在打开共享的视图…',
    title: '无法打开此链接',
    toWorkspace: '前往工作区',
    codes: {
      UNKNOWN_FORMAT: '这不是仪表盘的共享链接。',
      UNREADABLE: '链接已损坏：复制时有部分内容被修改或丢失。',
      TRUNCATED: '链接不完整：可能没有完整复制。请重新获取链接。',
      NOT_JSON: '链接已损坏：无法读取其内容。',
      TOO_LARGE: '链接过大，无法安全打开。',
      UNSUPPORTED_VERSION: '此链接由更新版本的仪表盘生成。',
      SCHEMA_MISMATCH: '链接内容不是有效的对比。',
      NOT_FOUND: '此启动器上没有该 id 的共享对比（可能已被删除）。',
      NETWORK: '无法连接到启动器。',
      other: '无法打开此链接。',
    },
    details: '详细信息',
    session: {
      label: '共享视图',
      title: '共享视图 · 只读。',
      fromLink_other: '您正在查看链接中的 {{count}} 个运行。您自己的工作区未被更改。',
      fromPermalink_other:
        '您正在查看启动器永久链接中的 {{count}} 个运行。您自己的工作区未被更改。',
      fromLinkProfiles: '您正在查看链接中两份 Profiling 数据的对比。您自己的工作区未被更改。',
      fromPermalinkProfiles:
        '您正在查看启动器永久链接中两份 Profiling 数据的对比。您自己的工作区未被更改。',
      fromLinkProfile: '您正在查看链接中的一份 Profiling 数据。您自己的工作区未被更改。',
      fromPermalinkProfile:
        '您正在查看启动器永久链接中的一份 Profiling 数据。您自己的工作区未被更改。',
      show: '显示共享的运行',
      showProfiles: '显示共享的对比',
      showProfile: '显示共享的 Profiling 数据',
      save: '添加到我的工作区',
      leave: '返回我的工作区',
      saved: '已添加到您的工作区。',
    },
  },
});
