// Checks docs/electronic-file.schema.json with a real JSON Schema 2020-12 validator (ajv):
//  1. the sample files are valid;
//  2. every shape mutation the core parser refuses (exit 2 from `tasjil precheck`) the schema
//     refuses too, and the schema accepts what the parser reads as a valid electronic file.
// Usage: node electronic_file_schema_test.mjs PATH_TO_TASJIL   (run from the source root)
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { Ajv2020 } from "ajv/dist/2020.js";
// A CommonJS package: its plugin is the module itself and its `default` too.
import formats from "ajv-formats";

const tasjil = process.argv[2];
const schema = JSON.parse(readFileSync("docs/electronic-file.schema.json", "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true });
formats.default(ajv);
const validate = ajv.compile(schema);
const sample = JSON.parse(readFileSync("assets/samples/electronic-file.json", "utf8"));
const dir = mkdtempSync(join(tmpdir(), "tasjil-schema-"));

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
  }
}

// Runs the core parser through the CLI; returns "shape" when it refuses the shape (exit 2).
function coreVerdict(doc) {
  const path = join(dir, "f.json");
  writeFileSync(path, typeof doc === "string" ? doc : JSON.stringify(doc));
  try {
    execFileSync(tasjil, ["precheck", path, "--today", "2026-04-10", "--lang", "fr"]);
    return "parsed";
  } catch (e) {
    if (e.status === 2) return "shape";
    throw e;
  }
}

const clone = (x) => JSON.parse(JSON.stringify(x));
function mutate(f) {
  const d = clone(sample);
  f(d);
  return d;
}

check("sample electronic file is valid", validate(sample), ajv.errorsText(validate.errors));
check("sample electronic file parses in the core", coreVerdict(sample) === "parsed");

const guardian = {
  family_name_ar: "العلوي", given_name_ar: "أحمد", family_name_latin: "El Alaoui",
  given_name_latin: "Ahmed", cin: "L55555", phone: "0612345678", email: "", deceased: false,
  relationship: "grandparent",
};
const accepted = {
  "a guardian": (d) => { d.guardian = guardian; },
  "a draft (submitted_at null)": (d) => { d.submitted_at = null; },
  "born abroad": (d) => { d.child.birth_place = { country: "FR", commune: null, place_text: "Lyon" }; },
  "no siblings": (d) => { d.siblings_under_school_age = []; },
  "e-mail only": (d) => { d.contact.channels = ["email"]; },
};
for (const [name, f] of Object.entries(accepted)) {
  const d = mutate(f);
  check(`schema accepts ${name}`, validate(d), ajv.errorsText(validate.errors));
  check(`core parses ${name}`, coreVerdict(d) === "parsed");
}

const refused = {
  "an unknown top-level key": (d) => { d.extra = 1; },
  "an unknown nested key": (d) => { d.child.birth_place.region = "01"; },
  "an unknown guardian key": (d) => { d.guardian = { ...guardian, age: 40 }; },
  "a missing key": (d) => { delete d.mother.cin; },
  "a missing object": (d) => { delete d.declarations; },
  "a string act_year": (d) => { d.child.civil_status.act_year = "2020"; },
  "a number for a name": (d) => { d.father.given_name_ar = 7; },
  "a boolean as string": (d) => { d.father.deceased = "false"; },
  "channels as a string": (d) => { d.contact.channels = "sms"; },
  "null birth_place": (d) => { d.child.birth_place = null; },
  "a string over the 1,024-byte guard": (d) => { d.residence.address = "a".repeat(1025); },
  "schema version 2": (d) => { d.schema_version = 2; },
  "thirteen siblings": (d) => { d.siblings_under_school_age = Array(13).fill(d.siblings_under_school_age[0]); },
  "three channels": (d) => { d.contact.channels = ["sms", "email", "sms"]; },
  "an array document": () => [],
};
for (const [name, f] of Object.entries(refused)) {
  const d = clone(sample);
  const out = f(d) ?? d;
  check(`schema refuses ${name}`, !validate(out));
  check(`core refuses ${name}`, coreVerdict(out) === "shape");
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
