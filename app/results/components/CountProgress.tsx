// A tally job's progress (decision 0028): a bar while it counts. With JavaScript the page asks for its data
// again every second; without it the page reloads itself (a refresh inside <noscript>) until the count is done.
import { useLocation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { formatPercent } from "~/i18n/format";
import { useLocale } from "~/ui/useLocale";

const REFRESH_SECONDS = 2;

interface Job {
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  /** Thousandths done. */
  progress: number;
}

/** Whether a job is still to finish. */
export function countIsPending(job: Pick<Job, "status"> | null | undefined): boolean {
  return job?.status === "QUEUED" || job?.status === "RUNNING";
}

export function CountProgress({ job, label }: { job: Job; label: string }) {
  const { t } = useTranslation("results");
  const locale = useLocale();
  const location = useLocation();
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    const timer = setInterval(() => {
      if (latest.current.state === "idle") latest.current.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="card stack" aria-labelledby="count-progress-title">
      <noscript>
        <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
      </noscript>
      <h2 id="count-progress-title">{label}</h2>
      <p role="status">{t(job.status === "QUEUED" ? "jobs.queued" : "jobs.running")}</p>
      <progress max={1000} value={job.progress} aria-labelledby="count-progress-title">
        {formatPercent(job.progress / 1000, locale)}
      </progress>
      <p className="muted">
        {t("jobs.refreshNote")} <a href={`${location.pathname}${location.search}`}>{t("jobs.refresh")}</a>
      </p>
    </section>
  );
}
