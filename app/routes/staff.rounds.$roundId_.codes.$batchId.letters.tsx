import { idParam, notFoundUnless } from "~/http/answer.server";
import { type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { languageAttributes, LOCALES } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { fixedT } from "~/i18n/i18n.server";
import { roundById } from "~/rounds/rounds.server";
import { pageTitle } from "~/http/meta";
import { refusalPage } from "~/http/refusal-page";
import { takeBatchCodes } from "~/voting/voting.server";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["voting"] };

export const meta: MetaFunction = (args) => pageTitle(args, "voting:letters.title");

// The printed page holds plain codes: no cache may keep it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

async function load(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  return { user, round };
}

export async function loader(args: LoaderFunctionArgs) {
  const { round } = await load(args);
  return { roundId: round.id };
}

/**
 * Taking the letters is a POST: the plain codes leave the server once. Each letter has the link,
 * the code, its serial and a QR code that opens the ballot with the code filled in, Dutch
 * instructions and short ones in the other five languages (a household's language is unknown).
 */
export async function action(args: ActionFunctionArgs) {
  const { user, round } = await load(args);
  const codes = await takeBatchCodes(db(), user.id, round.id, args.params.batchId ?? "", "letters");
  if (!codes) throw refusalPage(410, "voting:errors.batchTaken");
  const translators = await Promise.all(LOCALES.map(async (locale) => [locale, await fixedT(locale, ["voting", "rounds"])] as const));
  const ballotUrl = `${siteUrl()}/vote/${round.id}`;
  const titled = pickLocalized(round.translations, "nl", round.originalLocale);
  // Until when, and for how much: a household decides whether to vote on these two facts.
  const instructions = translators.map(([locale, t]) => ({
    locale,
    heading: t("letters.heading"),
    text: t(locale === "nl" ? "letters.instructions" : "letters.short", { url: ballotUrl }),
    facts: [
      round.votingEndsAt ? t("letters.deadline", { date: formatDateTime(round.votingEndsAt, locale) }) : null,
      t("letters.budget", { budget: formatMoney(round.budgetCents, locale) }),
    ]
      .filter(Boolean)
      .join(" "),
  }));
  const letters = await Promise.all(
    codes.map(async (entry) => {
      const link = `${ballotUrl}?code=${entry.code}`;
      return { serial: entry.serial, code: entry.code, link, qr: await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
    }),
  );
  return { title: titled?.text.title ?? "", titleLocale: titled?.locale ?? null, ballotUrl, instructions, letters };
}

export default function LettersPage() {
  const { t } = useTranslation("voting");
  const { roundId } = useLoaderData<typeof loader>();
  const printed = useActionData<typeof action>();
  if (!printed) {
    return (
      <section className="narrow stack" aria-labelledby="letters-title">
        <p>
          <Link to={`/staff/rounds/${roundId}/voting`}>{t("letters.back")}</Link>
        </p>
        <h1 id="letters-title">{t("letters.title")}</h1>
        <p>{t("letters.once")}</p>
        <Form method="post">
          <button type="submit" className="button">
            {t("letters.show")}
          </button>
        </Form>
      </section>
    );
  }
  return (
    <div className="letters">
      <p className="no-print">
        {t("letters.printHint", { count: printed.letters.length })} <Link to={`/staff/rounds/${roundId}/voting`}>{t("letters.back")}</Link>
      </p>
      {printed.letters.map((letter) => (
        // A Dutch letter reads left to right whatever the language of the staff page that prints it.
        <article key={letter.serial} className="letter" {...languageAttributes("nl")}>
          <header className="row-between">
            <strong {...languageAttributes(printed.titleLocale)}>{printed.title}</strong>
            <span className="muted">№ {letter.serial}</span>
          </header>
          <div className="letter-code">
            {/* The QR code is an SVG the qrcode library drew from our own link. */}
            <div className="letter-qr" aria-hidden="true" dangerouslySetInnerHTML={{ __html: letter.qr }} />
            <div>
              <p className="code">{letter.code}</p>
              <p>{printed.ballotUrl}</p>
            </div>
          </div>
          {printed.instructions.map((part) => (
            <section key={part.locale} {...languageAttributes(part.locale)} className={part.locale === "nl" ? "letter-main" : "letter-short"}>
              <h2>{part.heading}</h2>
              <p>
                <strong>{part.facts}</strong> {part.text}
              </p>
            </section>
          ))}
        </article>
      ))}
    </div>
  );
}
