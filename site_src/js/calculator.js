/* A calculator page with nothing of its own (a form declaration without `script`): the plain Tool. */
import { startTool, Tool } from "./tool.js";

startTool(Tool);
