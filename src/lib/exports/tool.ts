/** `/tools/<server>/<tool>.json`: the tool page's JSON twin (`toolJson`), checked against its export shape before it is written. */
import { toolJson, type ToolPageModel } from '../present/tool-page.ts';
import { parseExport } from './parse.ts';
import { toolJsonPath } from './paths.ts';
import { toolTwinSchema, type ToolTwin } from './shapes.ts';

/**
 * The twin, validated. The value written is `toolJson`'s own object, not the parser's copy: zod
 * rebuilds objects in schema order, which would reorder the keys of the server's definition, and
 * the twin shows that definition as the server listed it. (Nothing is stripped or defaulted: the
 * shape is strict where it is ours and loose where it is the server's.)
 */
export function toolTwin(model: ToolPageModel): ToolTwin {
	const twin = toolJson(model);
	parseExport(toolTwinSchema, twin, toolJsonPath(model.tool.id));
	return twin as ToolTwin;
}
