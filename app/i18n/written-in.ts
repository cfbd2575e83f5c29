import * as z from "zod";
import { LOCALES } from "./config";

/**
 * The language a piece of free text is written in, chosen beside the text (the form proposes the page's
 * language): pages in another language say so and mark it with `lang`, so screen readers switch voice.
 */
export const writtenIn = () => z.enum(LOCALES, { error: "validation.choice" });

/**
 * The same beside a note or reason that was written before the choice was asked: a form posted without it
 * (a page loaded earlier) is taken to be written in the page's language, not refused.
 */
export const writtenInOrPageLanguage = () => writtenIn().optional();
