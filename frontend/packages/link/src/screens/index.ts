// One module per screen; this picks the one for the journey's state.

import type { TemplateResult } from "lit";
import { additional } from "./additional.js";
import { consent } from "./consent.js";
import { done, finish } from "./finish.js";
import { frame } from "./frame.js";
import { help } from "./help.js";
import { landing } from "./landing.js";
import { picker } from "./picker.js";
import { result } from "./result.js";
import { sourceTypes } from "./source-types.js";
import { fatal, loading } from "./status.js";
import { upload } from "./upload.js";
import type { View } from "./view.js";
import { waiting } from "./waiting.js";

export type { View } from "./view.js";

export function render(view: View): TemplateResult {
  return frame(view, body(view));
}

function body(view: View): TemplateResult {
  switch (view.state.screen) {
    case "loading": return loading();
    case "landing": return landing(view);
    case "additional": return additional(view);
    case "main": return sourceTypes(view);
    case "picker": return picker(view);
    case "help": return help(view);
    case "consent": return consent(view);
    case "waiting": return waiting(view);
    case "result": return result(view);
    case "finish": return finish(view);
    case "done": return done(view);
    case "fatal": return fatal(view);
    case "upload": return upload(view);
  }
}
