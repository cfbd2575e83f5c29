import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/ui/useLocale";
import { CoachForm, CoachNoteForm } from "./StaffPanel";

/**
 * The private box a proposal's carriers share with staff: who coaches it and the coaching notes. Staff
 * assign the coach and add notes.
 */
export function CoachBox({
  proposal,
  staff,
  mayCoach,
}: {
  proposal: {
    coachId: string | null;
    coach: { name: string } | null;
    coachNotes: readonly { id: string; body: string; createdAt: Date; author: { name: string } }[];
  };
  /** Whom staff may assign (empty for everyone else). */
  staff: { id: string; name: string }[];
  mayCoach: boolean;
}) {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="coach-title">
      <h2 id="coach-title">{t("coach.title")}</h2>
      <p className="muted">{t("coach.private")}</p>
      <p>{proposal.coach ? t("coach.is", { name: proposal.coach.name }) : t("coach.noneYet")}</p>
      {mayCoach ? <CoachForm staff={staff} coachId={proposal.coachId} /> : null}
      {proposal.coachNotes.length === 0 ? (
        <p className="empty-state">{t("coach.noNotes")}</p>
      ) : (
        <ul className="audit-list">
          {proposal.coachNotes.map((note) => (
            <li key={note.id}>
              <strong>
                <bdi>{note.author.name}</bdi>
              </strong>{" "}
              · <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt, locale)}</time>
              <p dir="auto">{note.body}</p>
            </li>
          ))}
        </ul>
      )}
      {mayCoach ? <CoachNoteForm /> : null}
    </section>
  );
}
