// Who answers for the personal data on the site (the controller under the GDPR), named on /privacy.

/**
 * CONTROLLER_NAME, e.g. "Stad Mechelen": null when it is not set — the privacy page then says the city
 * running the site has not named itself yet, and the server warns at start.
 */
export function controllerName(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.CONTROLLER_NAME?.trim();
  return value ? value : null;
}
