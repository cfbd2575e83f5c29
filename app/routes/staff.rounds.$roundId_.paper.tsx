import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { votingIsOpen } from "~/rounds/phases";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { FormError, TextField, useValidatedForm, type FormFailure } from "~/ui/form";
import { parseFormData, refusal } from "~/kernel/form-data";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { idParam, notFound } from "~/http/answer.server";
import { BallotForm, BallotReview } from "~/voting/components/BallotForm";
import { formatCode, normaliseCode } from "~/voting/codes";
import { paperVoterSchema } from "~/voting/schema";
import { ballotStep, type BallotStage } from "~/voting/steps.server";
import { ballotOf, ballotView, checkCredential, type Credential } from "~/voting/voting.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["voting"] };

export const meta: MetaFunction = (args) => pageTitle(args, "voting:paper.title");

async function load(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const ballot = await ballotOf(db(), idParam(args.params, "roundId"));
  if (!ballot || ballot.round.importedFrom) throw notFound();
  return { ...ballot, staffId: user.id };
}

export async function loader(args: LoaderFunctionArgs) {
  const ballot = await load(args);
  const locale = await localeFor(args.request, args.context);
  const { round } = ballot;
  return {
    round: { id: round.id, phase: round.phase, eligibility: round.eligibility },
    ...ballotView(ballot, locale),
  };
}

type PaperAnswer = (BallotStage & { voter: string }) | { stage: "voter"; failure: FormFailure };

/**
 * A paper ballot goes through the same checks as an online one: the code from its letter (or the
 * voter's account) must be unused, the choices must keep the rules. It is counted as paper.
 */
export async function action(args: ActionFunctionArgs) {
  const ballot = await load(args);
  const { round } = ballot;
  const formData = await readFormData(args.request);
  const answer = (body: PaperAnswer, status = 200) => data(body, { status });
  if (!votingIsOpen(round.phase)) return answer({ stage: "voter", failure: refusal({}, {}, "voting:errors.notOpen") }, 409);
  const parsed = parseFormData(paperVoterSchema, formData);
  if (!parsed.ok) return answer({ stage: "voter", failure: refusal(parsed.errors, parsed.values) }, 400);
  let credential: Credential;
  let voter: string;
  if (round.eligibility === "CODES") {
    voter = formatCode(normaliseCode(parsed.data.voter));
    credential = { kind: "code", code: voter };
  } else {
    voter = parsed.data.voter.toLowerCase();
    const user = await db().user.findUnique({ where: { email: voter } });
    if (!user) return answer({ stage: "voter", failure: refusal({ voter: "voting:errors.noAccount" }, { voter }) }, 404);
    credential = { kind: "account", user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale } };
  }
  const check = await checkCredential(db(), round.id, credential);
  if (!check.ok) return answer({ stage: "voter", failure: refusal(check.formError ? { voter: check.formError } : {}, { voter }) }, check.status);
  if (formData.get("step") === "voter") return answer({ stage: "choose", choices: {}, voter });
  const next = await ballotStep(db(), ballot, credential, formData, "PAPER", await localeFor(args.request, args.context), { enteredBy: ballot.staffId });
  return answer({ ...next.stage, voter }, next.status);
}

function VoterForm({ failure }: { failure?: FormFailure }) {
  const { t } = useTranslation("voting");
  const { round } = useLoaderData<typeof loader>();
  const { form, onSubmit } = useValidatedForm(paperVoterSchema, { defaultValues: {} });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack narrow">
      <FormError failure={failure} />
      <TextField
        form={form}
        failure={failure}
        name="voter"
        label={t(round.eligibility === "CODES" ? "paper.code" : "paper.email")}
        autoComplete="off"
        spellCheck={false}
      />
      <div>
        <button type="submit" name="step" value="voter" className="button">
          {t("code.continue")}
        </button>
      </div>
    </Form>
  );
}

export default function PaperBallotPage() {
  const { t } = useTranslation("voting");
  const { round, settings, projects } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as PaperAnswer | undefined;
  let body: JSX.Element;
  if (!votingIsOpen(round.phase)) body = <p className="alert alert-info">{t("errors.notOpen")}</p>;
  else if (answer?.stage === "choose") {
    body = (
      <BallotForm
        settings={settings}
        projects={projects}
        initial={answer.choices}
        hidden={{ voter: answer.voter }}
        storageKey={null}
        failure={answer.failure}
      />
    );
  } else if (answer?.stage === "review") {
    body = (
      <BallotReview
        settings={settings}
        projects={projects}
        choices={answer.choices}
        hidden={{ voter: answer.voter }}
        failure={answer.failure}
        castLabel={t("paper.record")}
      />
    );
  } else {
    body = (
      <>
        {answer?.stage === "done" ? (
          <p className="alert alert-success" role="status">
            {t("paper.recorded")}
          </p>
        ) : null}
        <p>{t("paper.intro")}</p>
        <VoterForm failure={answer?.stage === "voter" ? answer.failure : undefined} />
      </>
    );
  }
  return (
    <div className="stack">
      <p>
        <Link to={`/staff/rounds/${round.id}/voting`}>{t("staff.title")}</Link>
      </p>
      <h1>{t("paper.title")}</h1>
      {body}
    </div>
  );
}
