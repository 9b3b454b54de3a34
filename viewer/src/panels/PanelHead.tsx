import type { ReactNode } from 'react';

/** A panel's title row with its close button. */
export function PanelHead({
  title,
  sub,
  badge,
  onClose,
  closeLabel,
}: {
  title: string;
  sub?: string | undefined;
  badge?: ReactNode;
  onClose: () => void;
  closeLabel: string;
}) {
  return (
    <header className="panel-head">
      <h2>
        {title}
        {sub && <span className="muted"> · {sub}</span>}
      </h2>
      {badge}
      <button
        type="button"
        className="panel-close"
        data-testid="panel-close"
        title={closeLabel}
        aria-label={closeLabel}
        onClick={onClose}
      >
        ×
      </button>
    </header>
  );
}
