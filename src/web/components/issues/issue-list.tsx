// The issues of one file, errors first, each with its localized message, location, expected and
// found values, and hint. Names and values from the file are rendered as text (React escapes).
import { useTranslation } from 'react-i18next';
import type { ImportIssue } from '../../../core/formats/types.ts';
import { Icon } from '../icons.tsx';
import { ISSUES_NS } from './issue-strings.ts';
import { issueText } from './issue-text.ts';
import './issues.css';

export function IssueList({ issues }: { readonly issues: readonly ImportIssue[] }) {
  const { t } = useTranslation(ISSUES_NS);
  if (issues.length === 0) return null;
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  return (
    <ul className="issue-list">
      {sorted.map((issue, i) => {
        const text = issueText(t, issue);
        return (
          <li key={i} className={`issue issue-${issue.severity}`} data-code={issue.code}>
            <Icon name={issue.severity === 'error' ? 'alert' : 'warning'} />
            <div className="issue-body">
              <div>
                <span className="issue-severity">{text.severity}</span>{' '}
                <code className="issue-code">{issue.code}</code> {text.message}
              </div>
              {text.location || text.detail ? (
                <div className="issue-where mono">
                  {[text.location, text.detail].filter(Boolean).join(' — ')}
                </div>
              ) : null}
              {text.hint ? <div className="issue-hint">{text.hint}</div> : null}
              {text.original && text.original !== text.message ? (
                <div className="issue-original muted">
                  {t('original')}: {text.original}
                </div>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
