/**
 * The PRC public holidays and make-up workdays (调休) as published by the State Council, from the
 * `chinese-days` package's data (2004 … the latest year it ships). Pure: no database.
 */
import prcData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface PrcDay {
  date: string;
  type: 'holiday' | 'workday';
  /** e.g. 国庆节, 国庆节调休 */
  name: string;
}

/** The package's values read "National Day,国庆节,3": English, Chinese, length in days. */
function zhName(value: string): string {
  return value.split(',')[1]?.trim() || value.split(',')[0]!.trim();
}

const byYear = new Map<number, PrcDay[]>();
{
  const data = prcData as { holidays: Record<string, string>; workdays: Record<string, string> };
  const add = (date: string, day: PrcDay) => {
    const year = Number(date.slice(0, 4));
    let list = byYear.get(year);
    if (!list) byYear.set(year, (list = []));
    list.push(day);
  };
  for (const [date, v] of Object.entries(data.holidays)) add(date, { date, type: 'holiday', name: zhName(v) });
  for (const [date, v] of Object.entries(data.workdays)) add(date, { date, type: 'workday', name: `${zhName(v)}调休` });
  for (const list of byYear.values()) list.sort((a, b) => a.date.localeCompare(b.date));
}

/** The years the package has data for. */
export function prcYears(): number[] {
  return [...byYear.keys()].sort((a, b) => a - b);
}

/** The PRC holidays (every day off of a holiday, weekends included) and 调休 workdays of a year; [] when unknown. */
export function prcDays(year: number): readonly PrcDay[] {
  return byYear.get(year) ?? [];
}
