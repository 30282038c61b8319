import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CreateUserBody, UpdateUserBody, User } from '@propdesk/contracts';
import { useI18n } from '../../i18n/i18n';
import { EDUCATION, options } from '../../i18n/terms';
import { OrgTreeSelect } from './orgTree';

/** The same rules as the contracts (Username, Phone, StaffProfile). */
export const USERNAME_RE = /^[a-zA-Z0-9_.-]+$/;
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export interface UserFormValues {
  username?: string;
  displayName: string;
  password?: string;
  phone?: string;
  position?: string;
  orgUnitId?: string;
  education?: string;
  birthDate?: Dayjs | null;
  healthCertExpiry?: Dayjs | null;
  experienceYears?: number | null;
  skills?: string[];
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const text = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : null;
};

export function toCreateBody(v: UserFormValues): CreateUserBody {
  const body: Record<string, unknown> = {
    username: v.username!.trim(),
    displayName: v.displayName.trim(),
    password: v.password!,
    phone: text(v.phone) ?? undefined,
    position: text(v.position) ?? undefined,
    orgUnitId: v.orgUnitId || undefined,
    education: v.education || undefined,
    birthDate: day(v.birthDate) ?? undefined,
    healthCertExpiry: day(v.healthCertExpiry) ?? undefined,
    experienceYears: v.experienceYears ?? undefined,
    skills: v.skills?.map((s) => s.trim()).filter(Boolean),
  };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return body as CreateUserBody;
}

/** Cleared fields are sent as null, so the server clears them too. */
export function toUpdateBody(v: UserFormValues): UpdateUserBody {
  return {
    displayName: v.displayName.trim(),
    phone: text(v.phone),
    position: text(v.position),
    orgUnitId: v.orgUnitId || null,
    education: (v.education || null) as UpdateUserBody['education'],
    birthDate: day(v.birthDate),
    healthCertExpiry: day(v.healthCertExpiry),
    experienceYears: v.experienceYears ?? null,
    skills: (v.skills ?? []).map((s) => s.trim()).filter(Boolean),
  };
}

export function fromUser(u: User): UserFormValues {
  return {
    displayName: u.displayName,
    phone: u.phone ?? undefined,
    position: u.position ?? undefined,
    orgUnitId: u.orgUnitId ?? undefined,
    education: u.education ?? undefined,
    birthDate: u.birthDate ? dayjs(u.birthDate) : null,
    healthCertExpiry: u.healthCertExpiry ? dayjs(u.healthCertExpiry) : null,
    experienceYears: u.experienceYears,
    skills: u.skills,
  };
}

/** The staff profile fields (account fields only when creating). */
export function UserFormFields({ mode }: { mode: 'create' | 'edit' }) {
  const { t, locale } = useI18n();
  return (
    <>
      {mode === 'create' && (
        <Form.Item
          name="username"
          label={t('用户名', 'Username')}
          extra={t('用于登录：字母、数字、_ . -', 'For signing in: letters, digits, _ . -')}
          rules={[
            { required: true, whitespace: true, message: t('请输入用户名', 'Enter a username') },
            { min: 2, max: 64, message: t('2–64 个字符', '2–64 characters') },
            { pattern: USERNAME_RE, message: t('只能包含字母、数字、_ . -', 'Letters, digits, _ . - only') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('姓名', 'Name')}
        rules={[
          { required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') },
          { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
        ]}
      >
        <Input />
      </Form.Item>
      {mode === 'create' && (
        <Form.Item
          name="password"
          label={t('初始密码', 'Initial password')}
          extra={t('至少 8 位，请线下告知本人', 'At least 8 characters; tell the person in person')}
          rules={[
            { required: true, message: t('请输入初始密码', 'Enter an initial password') },
            { min: 8, max: 200, message: t('至少 8 位', 'At least 8 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t('手机号', 'Phone')} rules={[{ pattern: PHONE_RE, message: t('请输入有效的手机号或座机号', 'Enter a valid mobile or landline number') }]}>
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item name="position" label={t('岗位', 'Position')} rules={[{ max: 100, message: t('最多 100 个字符', 'At most 100 characters') }]}>
        <Input placeholder={t('如：接待员、维修工', 'e.g. Receptionist, Technician')} />
      </Form.Item>
      <Form.Item name="orgUnitId" label={t('所属组织', 'Org unit')}>
        <OrgTreeSelect allowClear aria-label={t('所属组织', 'Org unit')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="education" label={t('学历', 'Education')}>
        <Select allowClear options={options(EDUCATION, locale)} placeholder={t('选择学历', 'Choose')} />
      </Form.Item>
      <Form.Item
        name="birthDate"
        label={t('出生日期', 'Date of birth')}
        rules={[{ validator: (_r, v: Dayjs | null) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(t('出生日期不能晚于今天', 'The date of birth cannot be in the future'))) : Promise.resolve()) }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="healthCertExpiry" label={t('健康证有效期至', 'Health certificate valid until')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="experienceYears" label={t('从业年限', 'Years of experience')}>
        <InputNumber min={0} max={60} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="skills"
        label={t('技能', 'Skills')}
        extra={t('输入后按回车添加', 'Type and press Enter to add')}
        rules={[
          {
            validator: (_r, v: string[] | undefined) =>
              (v ?? []).some((s) => s.trim().length > 50) ? Promise.reject(new Error(t('每项最多 50 个字符', 'At most 50 characters each'))) : (v ?? []).length > 50 ? Promise.reject(new Error(t('最多 50 项', 'At most 50 skills'))) : Promise.resolve(),
          },
        ]}
      >
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} placeholder={t('如：Excel、电工证', 'e.g. Excel, electrician licence')} />
      </Form.Item>
    </>
  );
}
