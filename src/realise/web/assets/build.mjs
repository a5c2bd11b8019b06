// Build the front end: compile Realise's Sass over GOV.UK Frontend and copy the scripts and
// axe-core into the Django static folder. Run by `make assets` (after `npm ci`).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const out = join(here, "..", "static", "realise");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(here, "realise.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "realise.css"), result.css);
// GOV.UK Frontend's module with the call that starts its components appended, as one file: the
// Content-Security-Policy forbids inline scripts, and one file needs no import between hashed
// static names. The source-map comment is dropped (the map is not shipped).
const frontend = readFileSync(join(govuk, "govuk-frontend.min.js"), "utf8").replace(
  /\/\/# sourceMappingURL=.*\s*$/,
  "",
);
writeFileSync(join(out, "govuk-frontend.min.js"), `${frontend}\ninitAll();\n`);
cpSync(join(here, "js-enabled.js"), join(out, "js-enabled.js"));
cpSync(join(here, "session-timeout.js"), join(out, "session-timeout.js"));
cpSync(join(here, "reveal.js"), join(out, "reveal.js"));
mkdirSync(join(out, "govuk", "assets"), { recursive: true });
cpSync(join(govuk, "assets", "images"), join(out, "govuk", "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "manifest.json"), join(out, "govuk", "assets", "manifest.json"));
// The GOV.UK images above are there only because GOV.UK Frontend's stylesheet names them (the
// footer crest, which Realise never shows). The browser's icon is Realise's own: a white "R" on
// the brand colour, so no crown appears in a council's tabs.
writeFileSync(
  join(out, "favicon.svg"),
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>Realise</title>' +
    '<rect width="32" height="32" rx="4" fill="#1d5a66"/>' +
    '<text x="16" y="24" font-family="Arial, sans-serif" font-size="22" font-weight="bold" ' +
    'fill="#ffffff" text-anchor="middle">R</text></svg>\n',
);

console.log(`Built ${join(out, "realise.css")} (${result.css.length} bytes)`);
