// Strings of the app shell: header, navigation, switches, error and loading states.
import { registerStrings } from '../i18n/index.ts';

export const SHELL_NS = 'shell';

registerStrings(SHELL_NS, {
  en: {
    appName: 'AOE Dashboard',
    skipToContent: 'Skip to content',
    nav: {
      label: 'Main',
      workspace: 'Workspace',
      compare: 'Compare',
      launch: 'Launch',
      history: 'History',
    },
    language: { label: 'Language' },
    theme: { label: 'Theme', system: 'System', light: 'Light', dark: 'Dark' },
    loadingPage: 'Loading page…',
    notFound: {
      title: 'Page not found',
      body: 'There is no page at {{path}}.',
    },
    backToWorkspace: 'Back to workspace',
    error: {
      title: 'The {{feature}} could not be shown',
      body: 'Something in this page failed while displaying your data. The rest of the dashboard and your workspace are unaffected.',
      details: 'Technical details',
      retry: 'Try again',
      copy: 'Copy error details',
      copied: 'Copied',
    },
    feature: {
      app: 'dashboard',
      home: 'workspace page',
      run: 'run view',
      profile: 'profile view',
      compare: 'compare view',
      launch: 'launch page',
      history: 'history page',
      shared: 'shared view',
    },
  },
  'zh-CN': {
    appName: 'AOE 调优看板',
    skipToContent: '跳到正文',
    nav: {
      label: '主导航',
      workspace: '工作区',
      compare: '对比',
      launch: '启动调优',
      history: '历史趋势',
    },
    language: { label: '语言' },
    theme: { label: '主题', system: '跟随系统', light: '浅色', dark: '深色' },
    loadingPage: '正在加载页面…',
    notFound: {
      title: '页面不存在',
      body: '{{path}} 没有对应的页面。',
    },
    backToWorkspace: '返回工作区',
    error: {
      title: '{{feature}}无法显示',
      body: '此页面在显示数据时出错。看板的其他部分和您的工作区不受影响。',
      details: '技术细节',
      retry: '重试',
      copy: '复制错误详情',
      copied: '已复制',
    },
    feature: {
      app: '看板',
      home: '工作区页面',
      run: '运行详情',
      profile: 'Profiling 视图',
      compare: '对比视图',
      launch: '启动调优页面',
      history: '历史趋势页面',
      shared: '分享视图',
    },
  },
});
