import { useId } from 'react';
import type { PolicyDecision, PolicyViolation } from '../../src-shared/domain';
import { HighlightedText } from './HighlightedText';
import { POLICY_CATEGORY_TEXT } from './policyCategories';

function ViolationList({ violations }: { violations: readonly PolicyViolation[] }) {
  return (
    <ul className="violation-list">
      {violations.map((violation, index) => (
        <li key={`${violation.ruleId}-${index}`} className={`violation ${violation.severity}`} data-rule-id={violation.ruleId}>
          <span className={`badge ${violation.severity}`}>{violation.severity === 'block' ? 'Blocked' : 'Warning'}</span>{' '}
          <strong>{POLICY_CATEGORY_TEXT[violation.category]?.title ?? violation.category}</strong>{' '}
          <span className="rule-id">rule {violation.ruleId}</span>
          <p>{violation.explanation}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * The policy result for the script, shown inline: matched spans highlighted, warnings waiting for
 * an explicit confirmation, blocks naming the rule that refuses them. The area keeps its height
 * while the result changes so the editor does not jump.
 */
export function PolicyPanel(props: {
  text: string;
  decision: PolicyDecision | null;
  blockedBy: PolicyViolation[] | null;
  acceptWarnings: boolean;
  onAcceptWarnings(accept: boolean): void;
}) {
  const checkboxId = useId();
  const violations = props.blockedBy ?? props.decision?.violations ?? [];
  const kind = props.blockedBy ? 'block' : (props.decision?.decision ?? null);

  return (
    <section className={`policy-panel ${kind ?? 'none'}`} aria-label="Policy result" data-testid="policy-panel" aria-live="polite">
      {kind === null && <p className="muted">The content policy checks the script as you type.</p>}
      {kind === 'allow' && (
        <p className="policy-summary">
          <span className="badge allow">Allowed</span> No policy rule matches this script.
        </p>
      )}
      {kind === 'warn' && (
        <>
          <p className="policy-summary">
            <span className="badge warn">Needs confirmation</span> Parts of this script match policy warnings. Review the
            highlighted text before generating.
          </p>
          <HighlightedText text={props.text} violations={violations} />
          <ViolationList violations={violations} />
          <div className="confirm-row">
            <input
              id={checkboxId}
              type="checkbox"
              checked={props.acceptWarnings}
              onChange={(event) => props.onAcceptWarnings(event.target.checked)}
            />
            <label htmlFor={checkboxId}>I have reviewed the warnings and want to generate this script.</label>
          </div>
        </>
      )}
      {kind === 'block' && (
        <>
          <p className="policy-summary" role="alert">
            <span className="badge block">Refused</span> This script cannot be generated: it breaks the content policy.
          </p>
          <HighlightedText text={props.text} violations={violations} />
          <ViolationList violations={violations} />
        </>
      )}
    </section>
  );
}
