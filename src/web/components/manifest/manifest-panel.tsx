// How a launcher run was made: the manifest the launcher stored beside it (host, CANN version,
// SoC, device, model and .om hashes, knowledge base, the exact command and the environment that
// changes the tool's behaviour), shown on the run page of a run opened from the launcher. Every
// value is untrusted text and is rendered as text.
import { useTranslation } from 'react-i18next';
import type { RunManifest } from '../../../core/model/types.ts';
import { registerStrings } from '../../i18n/index.ts';
import './manifest.css';

const NS = 'manifest';

registerStrings(NS, {
  en: {
    title: 'How this run was made (manifest)',
    host: 'Host',
    cannVersion: 'CANN version',
    soc: 'SoC',
    device: 'Device',
    modelPath: 'Model',
    modelSha256: 'Model SHA-256',
    tunedOmSha256: 'Tuned .om SHA-256',
    bankPath: 'Knowledge base',
    workDir: 'Working directory',
    startedAt: 'Started',
    finishedAt: 'Finished',
    command: 'Command',
    env: 'Environment',
  },
  'zh-CN': {
    title: '本次运行的生成方式（清单）',
    host: '主机',
    cannVersion: 'CANN 版本',
    soc: '芯片',
    device: '设备',
    modelPath: '模型',
    modelSha256: '模型 SHA-256',
    tunedOmSha256: '调优后 .om 的 SHA-256',
    bankPath: '知识库',
    workDir: '工作目录',
    startedAt: '开始时间',
    finishedAt: '结束时间',
    command: '命令',
    env: '环境变量',
  },
});

const FIELDS = [
  'host',
  'cannVersion',
  'soc',
  'device',
  'modelPath',
  'modelSha256',
  'tunedOmSha256',
  'bankPath',
  'workDir',
  'startedAt',
  'finishedAt',
] as const;

/** One argument as a shell would need it quoted, for reading and copying. */
function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function ManifestPanel({ manifest }: { readonly manifest: RunManifest }) {
  const { t } = useTranslation(NS);
  const env = Object.entries(manifest.env ?? {});
  return (
    <details className="card manifest-panel" data-testid="run-manifest">
      <summary>{t('title')}</summary>
      <dl className="manifest-list">
        {FIELDS.filter((k) => manifest[k] !== undefined).map((k) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd className={k.endsWith('Sha256') || k.endsWith('Path') ? 'mono' : undefined}>
              {String(manifest[k])}
            </dd>
          </div>
        ))}
        {manifest.command && manifest.command.length > 0 ? (
          <div>
            <dt>{t('command')}</dt>
            <dd>
              <code className="manifest-command">{manifest.command.map(quoteArg).join(' ')}</code>
            </dd>
          </div>
        ) : null}
        {env.length > 0 ? (
          <div>
            <dt>{t('env')}</dt>
            <dd>
              <code className="manifest-command">
                {env.map(([k, v]) => `${k}=${quoteArg(v)}`).join('\n')}
              </code>
            </dd>
          </div>
        ) : null}
      </dl>
    </details>
  );
}
