import { describe, expect, it } from 'vitest';
import { thresholdLines, tip, withDefaults, type ChartTheme } from './echarts';

const words = { series: '{seriesName}：', partial: '（先頭{displayCnt}件）', separator: '、' };
const theme: ChartTheme = {
  text: '#1c2430',
  muted: '#4a5566',
  border: '#c8cfd9',
  after: '#1f5f8b',
  before: '#7a8596',
  ok: '#1e6b34',
  danger: '#b3261e',
  font: 'sans-serif',
};

describe('withDefaults', () => {
  const option = { series: [{ type: 'bar' as const, data: [1, 2] }] };

  it('turns on the generated description, starting with the label', () => {
    const result = withDefaults(option, { label: '点数の分布', words, reducedMotion: false });
    expect(result.series).toBe(option.series);
    expect(result.aria).toMatchObject({
      enabled: true,
      label: {
        general: { withoutTitle: '点数の分布' },
        series: { single: { withName: '{seriesName}：' } },
        data: {
          partialData: '（先頭{displayCnt}件）',
          separator: { middle: '、' },
          excludeDimensionId: [0],
        },
      },
    });
    expect(result.animation).toBe(true);
    expect(result.animationDuration).toBeLessThanOrEqual(300);
  });

  it('reads out values, not the category position, when the categories are on the y axis', () => {
    const bars = { ...option, yAxis: { type: 'category' as const } };
    const result = withDefaults(bars, { label: 'x', words, reducedMotion: false });
    expect(result.aria).toMatchObject({ label: { data: { excludeDimensionId: [1] } } });
  });

  it('draws without animation when the user asks for reduced motion', () => {
    expect(withDefaults(option, { label: 'x', words, reducedMotion: true }).animation).toBe(false);
  });
});

describe('thresholdLines', () => {
  it('draws one labelled line per threshold, staggering neighbouring labels', () => {
    const lines = thresholdLines(
      [
        { at: 8, text: '見守り 8' },
        { at: 10, text: '要支援 10' },
      ],
      theme,
    );
    expect(lines.lineStyle?.color).toBe(theme.danger);
    const data = (lines.data ?? []) as { xAxis: number; label: { distance: number } }[];
    expect(data.map((d) => d.xAxis)).toEqual([8, 10]);
    expect(data[0]!.label.distance).not.toBe(data[1]!.label.distance);
  });
});

describe('tip', () => {
  it('escapes the text, since ECharts shows tooltips as HTML', () => {
    expect(tip('<b>3点</b>').formatter()).toBe('&lt;b&gt;3点&lt;/b&gt;');
  });
});
