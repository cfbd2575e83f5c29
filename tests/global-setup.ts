// vitest globalSetup of the integration and e2e projects: the demo databases every test server copies
// (tests/support/demo-databases.ts), made once per run and removed at its end.
import type { TestProject } from "vitest/node";
import { createDemoTemplates, type DemoTemplates } from "./support/demo-databases";

declare module "vitest" {
  export interface ProvidedContext {
    demoTemplates: DemoTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { templates, cleanup } = await createDemoTemplates();
  project.provide("demoTemplates", templates);
  return cleanup;
}
