/**
 * zh-CN first, en complete. Every string is written in both languages where it is used:
 * `t('住户', 'Residents')` — so no page can ship with a missing translation.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '@propdesk/contracts';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type T = (zh: string, en: string) => string;

interface I18n {
  locale: Locale;
  t: T;
  setLocale(l: Locale): void;
}

const Ctx = createContext<I18n | null>(null);
const STORAGE_KEY = 'pd_locale';

export function initialLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    dayjs.locale(l === 'en' ? 'en' : 'zh-cn');
    setState(l);
  }, []);
  const value = useMemo<I18n>(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    return { locale, setLocale, t: (zh, en) => (locale === 'en' ? en : zh) };
  }, [locale, setLocale]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside LocaleProvider');
  return v;
}

export function useT(): T {
  return useI18n().t;
}
