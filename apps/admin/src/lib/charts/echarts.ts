/**
 * The slice of Apache ECharts the admin UI uses, registered once: bar and line charts with a
 * grid, tooltips, threshold lines and the generated screen-reader description, drawn as SVG.
 * Components build a {@link ChartOption} and hand it to `EChart.svelte`; nothing else imports
 * `echarts` directly, so the bundle only carries what is registered here.
 */
import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  AriaComponentOption,
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { format, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, AriaComponent, GridComponent, MarkLineComponent, TooltipComponent]);
use(SVGRenderer);

export { init, type EChartsType } from 'echarts/core';

/** An ECharts option limited to the chart kinds and components registered above. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | AriaComponentOption
  | GridComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** The app.css colour tokens charts draw with (all ≥ 3:1 on white, text ones ≥ 4.5:1). */
const tokens = {
  text: '--c-text',
  muted: '--c-muted',
  border: '--c-border',
  after: '--c-after',
  before: '--c-before',
  ok: '--c-ok',
  danger: '--c-danger',
} as const;

/** Colours (and the page font) for a chart, read from the app.css custom properties. */
export type ChartTheme = Record<keyof typeof tokens, string> & { font: string };

/** Reads the app.css tokens, so charts follow the stylesheet instead of copying its colours. */
export function chartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim() || 'currentColor';
  const colours = Object.fromEntries(
    Object.entries(tokens).map(([key, name]) => [key, read(name)]),
  ) as Record<keyof typeof tokens, string>;
  return { ...colours, font: read('--font') };
}

/** Screen-reader wording for ECharts' generated description (see {@link withDefaults}). */
export interface AriaWords {
  /** Put before every series, `{seriesName}` is filled in by ECharts. */
  series: string;
  /** Put before the data when only the first `{displayCnt}` values are read out. */
  partial: string;
  /** Between two values. */
  separator: string;
}

/** Longest series read out in full; longer ones are cut (the table beside the chart has all). */
const ariaMaxValues = 50;

/**
 * Adds what every chart shares to a component's option: the generated screen-reader description
 * (starting with `label`, then each series' values), the page font, and short animations (none
 * when the user asks for reduced motion).
 *
 * @example
 * chart.setOption(withDefaults(option, { label: '点数の分布', words, reducedMotion: false }));
 */
export function withDefaults(
  option: ChartOption,
  settings: { label: string; words: AriaWords; reducedMotion: boolean; font?: string },
): ChartOption {
  const { label, words, reducedMotion, font } = settings;
  const series = { prefix: '', withName: words.series, withoutName: '' };
  // Every chart here draws one value per named item (a category, or a cut-off): read out the
  // name and that value, not the position the name already gives.
  const categoryOnY = !Array.isArray(option.yAxis) && option.yAxis?.type === 'category';
  const aria: AriaComponentOption = {
    enabled: true,
    label: {
      general: { withTitle: label, withoutTitle: label },
      series: {
        maxCount: 10,
        single: series,
        multiple: { ...series, separator: { middle: ' ', end: '' } },
      },
      data: {
        maxCount: ariaMaxValues,
        allData: '',
        partialData: words.partial,
        withName: '{name}: {value}',
        withoutName: '{value}',
        separator: { middle: words.separator, end: '' },
        excludeDimensionId: [categoryOnY ? 1 : 0],
      },
    },
  };
  return {
    ...option,
    aria,
    ...(font ? { textStyle: { fontFamily: font } } : {}),
    animation: !reducedMotion,
    animationDuration: 300,
    animationDurationUpdate: 200,
  };
}

/** Axis lines, ticks and labels in the page's muted colour, with faint grid lines. */
function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted, fontSize: 11 },
    nameTextStyle: { color: theme.muted, fontSize: 11 },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.5 } },
  } as const;
}

/**
 * What the score charts share: children counted up the y axis (whole numbers, formatted with
 * `format`), points along an x axis named `xName`, item tooltips, and room above the plot for
 * the threshold labels. Components add the x axis type and the series.
 */
export function countChart(theme: ChartTheme, xName: string, format: (n: number) => string) {
  const axis = axisStyle(theme);
  return {
    grid: { left: 4, right: 12, top: 36, bottom: 4, outerBoundsMode: 'same' },
    tooltip: { trigger: 'item' },
    xAxis: { ...axis, name: xName, nameLocation: 'middle', nameGap: 24 },
    yAxis: {
      ...axis,
      type: 'value',
      minInterval: 1,
      axisLabel: { ...axis.axisLabel, formatter: (n: number) => format(n) },
    },
  } as const satisfies ChartOption;
}

/** A data item's own tooltip: `text` as it is (escaped, since ECharts shows tooltips as HTML). */
export function tip(text: string): { formatter: () => string } {
  return { formatter: () => format.encodeHTML(text) };
}

/**
 * Dashed vertical lines at the thresholds, each labelled above the plot; neighbouring labels
 * are staggered so that close thresholds stay readable.
 */
export function thresholdLines(
  markers: readonly { at: number | string; text: string }[],
  theme: ChartTheme,
): MarkLineComponentOption {
  return {
    silent: true,
    symbol: 'none',
    animation: false,
    lineStyle: { color: theme.danger, width: 2, type: [4, 3] },
    label: { position: 'end', color: theme.danger, fontWeight: 'bold', fontSize: 11 },
    data: markers.map((marker, i) => ({
      xAxis: marker.at,
      label: { formatter: () => marker.text, distance: 4 + (i % 2) * 14 },
    })),
  };
}
