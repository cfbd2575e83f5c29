import * as z from "zod";
import { LOCALES } from "~/i18n/config";
import { checkbox, emailAddress } from "~/kernel/zod";

// Messages are translation keys (common namespace); forms and actions translate them in the user's language.
const email = emailAddress();

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const newPassword = z
  .string({ error: "validation.required" })
  .min(1, "validation.required")
  .min(PASSWORD_MIN, "validation.passwordTooShort")
  .max(PASSWORD_MAX, "validation.passwordTooLong");

// A login only needs a bounded, non-empty password: the rules for new passwords may change later.
const existingPassword = z.string({ error: "validation.required" }).min(1, "validation.required").max(PASSWORD_MAX, "validation.passwordTooLong");

export const registerSchema = z.object({
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.nameTooLong"),
  email,
  password: newPassword,
});

export const loginSchema = z.object({
  email,
  password: existingPassword,
  // Not the user's input: an unusable value just means "go home".
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }).min(1, "validation.required").max(PASSWORD_MAX, "validation.passwordTooLong"),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const changePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    currentPassword: existingPassword,
    password: newPassword,
    confirmPassword: z.string({ error: "validation.required" }).min(1, "validation.required").max(PASSWORD_MAX, "validation.passwordTooLong"),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "validation.passwordsDiffer",
  });

export const preferencesSchema = z.object({
  intent: z.literal("preferences"),
  name: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.nameTooLong"),
  locale: z.enum(LOCALES, { error: "validation.choice" }),
});

const authenticatorCode = z
  .string({ error: "validation.required" })
  .transform((value) => value.replace(/\s/g, ""))
  .pipe(
    z
      .string()
      .min(1, "validation.required")
      .regex(/^\d{6}$/, "auth:twoFactor.codeFormat"),
  );

/** The code from the authenticator app, or — when the phone is lost — one recovery code. */
export const secondFactorSchema = z
  .object({
    code: z.string().max(20, "auth:twoFactor.codeFormat").optional().default(""),
    recoveryCode: z.string().max(40, "auth:twoFactor.wrongRecoveryCode").optional().default(""),
    remember: checkbox(),
    redirectTo: z.string().max(2000).optional().catch(undefined),
  })
  .superRefine((value, ctx) => {
    if (value.recoveryCode.trim()) return;
    const code = authenticatorCode.safeParse(value.code);
    if (!code.success) ctx.addIssue({ code: "custom", path: ["code"], message: code.error.issues[0]!.message });
  });

export const confirmTwoFactorSchema = z.object({ intent: z.literal("confirm"), code: authenticatorCode });

export const resetTwoFactorSchema = z.object({
  email,
  confirm: checkbox().refine(Boolean, "auth:twoFactor.reset.confirmRequired"),
});

/** Deleting one's own account: the password again, and a tick that the resident knows it cannot be undone. */
export const deleteAccountSchema = z.object({
  intent: z.literal("delete-account"),
  password: existingPassword,
  understood: checkbox().refine((ticked) => ticked, "auth:deleteAccount.mustConfirm"),
});
