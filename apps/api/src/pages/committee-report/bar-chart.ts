/** A horizontal bar chart drawn as inline SVG by the template: geometry here, markup there, nothing fetched. */
export interface BarChart {
  id: string;
  title: string;
  width: number;
  height: number;
  /** Where the bars start: the labels sit to the left of it. */
  axisX: number;
  bars: { label: string; value: number; y: number; width: number; textY: number; valueX: number; className: string }[];
}

const LABEL_WIDTH = 200;
const BAR_AREA = 210;
const ROW = 30;
const BAR = 20;

export function barChart(id: string, title: string, bars: { label: string; value: number; className?: string }[]): BarChart {
  const largest = Math.max(1, ...bars.map((bar) => bar.value));
  return {
    id,
    title,
    width: LABEL_WIDTH + BAR_AREA + 40,
    height: bars.length * ROW + 10,
    axisX: LABEL_WIDTH,
    bars: bars.map((bar, index) => {
      const width = Math.round((bar.value / largest) * BAR_AREA);
      return {
        label: bar.label,
        value: bar.value,
        y: index * ROW + 5,
        width,
        textY: index * ROW + 5 + BAR / 2 + 5,
        valueX: LABEL_WIDTH + width + 6,
        className: bar.className ?? 'app-chart__bar',
      };
    }),
  };
}
