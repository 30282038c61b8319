/** Labels of the domain's enumerations, in both languages (the glossary in docs/ lists them too). */
type Labels = Record<string, [zh: string, en: string]>;

export const UNIT_KINDS: Labels = {
  residence: ['住宅', 'Residence'],
  shop: ['商铺', 'Shop'],
  office: ['办公', 'Office'],
  clubhouse: ['会所', 'Clubhouse'],
  parking: ['车位', 'Parking'],
  storage: ['储藏室', 'Storage'],
};
export const UNIT_STATES: Labels = {
  vacant: ['空置', 'Vacant'],
  occupied: ['已入住', 'Occupied'],
  renovating: ['装修中', 'Renovating'],
};
export const RELATIONS: Labels = {
  owner: ['业主', 'Owner'],
  tenant: ['租户', 'Tenant'],
  family: ['家属', 'Family'],
};
export const ORG_KINDS: Labels = {
  group: ['集团', 'Group'],
  company: ['公司', 'Company'],
  center: ['客服中心', 'Service center'],
  project: ['项目', 'Project'],
  building: ['楼栋', 'Building'],
};
export const PROJECT_TYPES: Labels = {
  residential: ['住宅小区', 'Residential community'],
  mall: ['商场', 'Shopping mall'],
};
export const TEAM_KINDS: Labels = {
  maintenance: ['维修班', 'Maintenance team'],
  reception: ['接待组', 'Reception'],
  security: ['保安队', 'Security'],
  cleaning: ['保洁组', 'Cleaning'],
  other: ['其他', 'Other'],
};
export const EDUCATION: Labels = {
  junior_high: ['初中', 'Junior high school'],
  high_school: ['高中', 'High school'],
  vocational: ['中专/技校', 'Vocational school'],
  college: ['大专', 'College'],
  bachelor: ['本科', "Bachelor's degree"],
  master: ['硕士', "Master's degree"],
  doctorate: ['博士', 'Doctorate'],
};

/** The label of a code in the current language (the code itself when unknown). */
export function label(labels: Labels, code: string | null | undefined, locale: string): string {
  if (!code) return '';
  const l = labels[code];
  return l ? (locale === 'en' ? l[1] : l[0]) : code;
}

/** antd Select options for an enumeration. */
export function options(labels: Labels, locale: string) {
  return Object.entries(labels).map(([value, [zh, en]]) => ({ value, label: locale === 'en' ? en : zh }));
}

/** 8925 (0.01 m²) → "89.25" */
export function formatArea(centi: number): string {
  return (centi / 100).toFixed(2);
}
