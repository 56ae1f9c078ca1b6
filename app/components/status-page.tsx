import type { ReactNode } from "react";

/** The small centred pages behind mailed links: check inbox, confirm, withdraw, thanks. */
export function StatusPage({ title, icon, children }: { title: string; icon?: string; children?: ReactNode }) {
  return (
    <section className="status-page" aria-labelledby="status-title">
      {icon ? (
        <p className="status-page__icon" aria-hidden="true">
          {icon}
        </p>
      ) : null}
      <h1 id="status-title">{title}</h1>
      {children}
    </section>
  );
}
