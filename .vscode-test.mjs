// @vscode/test-cli configuration for the integration suite (test/integration/suite). Run it with
// `npm run test:integration`, which compiles the suite to dist/test/ and finds a VS Code to use.
import { defineConfig } from '@vscode/test-cli';

const executable = process.env.VSCODE_EXECUTABLE;

export default defineConfig({
  label: 'integration',
  // extension.test.js first: its first test checks that nothing has activated the extension yet,
  // and glob gives the other files in no fixed order.
  files: ['dist/test/suite/extension.test.js', 'dist/test/suite/**/*.test.js'],
  // scripts/test-integration.mjs opens a fresh copy of test/integration/fixtures (the suite edits it).
  workspaceFolder: process.env.DANGJIAN_IT_WORKSPACE ?? './test/integration/fixtures',
  // Without an executable test-cli would download VS Code; the lowest version the manifest allows.
  ...(executable ? { useInstallation: { fromPath: executable } } : { version: '1.82.0' }),
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  mocha: { ui: 'tdd', timeout: 30000 },
});
