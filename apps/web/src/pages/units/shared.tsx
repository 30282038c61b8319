/**
 * Pieces the org, units and residents pages share: the unit picker (search by number inside a
 * project), the state tag, the project-first import button, and small formatting helpers.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Form, Modal, Select, Space, Tag, Typography, type FormInstance } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Building, Page, Unit } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ImportDialog, ProjectSelect, toastError, useProjects } from '../../components/common';
import { label, UNIT_KINDS, UNIT_STATES } from '../../i18n/terms';

/** An instant (UTC) shown in the viewer's clock: 2026-11-29 19:41. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

/** "3栋 1201" — how the desk says a unit. */
export function unitTitle(u: { buildingName: string; number: string } | { buildingName: string; unitNumber: string }): string {
  return `${u.buildingName} ${'number' in u ? u.number : u.unitNumber}`;
}

const STATE_COLORS: Record<string, string> = { vacant: 'default', occupied: 'green', renovating: 'orange' };

export function UnitStateTag({ state }: { state: string }) {
  const { locale } = useI18n();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{label(UNIT_STATES, state, locale)}</Tag>;
}

/**
 * A failed save: the server's message as a toast and, when it names fields, on those fields
 * (in the user's language when the server sent both).
 */
export function showSaveError(e: unknown, form: FormInstance | null, t: (zh: string, en: string) => string, locale: string) {
  toastError(e, t);
  if (!form || !(e instanceof ApiError) || !Array.isArray(e.details)) return;
  const fields = (e.details as { path?: string; message?: string; messageZh?: string }[])
    .filter((d) => typeof d.path === 'string' && d.path.startsWith('body.'))
    .map((d) => ({ name: d.path!.slice(5).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [(locale === 'en' ? d.message : (d.messageZh ?? d.message)) ?? e.message] }));
  if (fields.length) form.setFields(fields as never);
}

/** Buildings of a project (with unit counts and zone), for filters and forms. */
export function useBuildings(projectId: string | undefined) {
  return useQuery({
    queryKey: ['buildings', { projectId }],
    queryFn: () => api.get<Page<Building>>('/api/buildings', { projectId, pageSize: 200 }),
    enabled: !!projectId,
    staleTime: 30_000,
  });
}

/** The project a form starts with: the one filtered on, or the only one the user has. */
export function useDefaultProject(filtered: string | undefined): string | undefined {
  const projects = useProjects();
  if (filtered) return filtered;
  const items = projects.data?.items ?? [];
  return items.length === 1 ? items[0]!.id : undefined;
}

/**
 * Choose a unit of a project by typing its number (or building): searches /api/units as the
 * user types. Keeps the chosen unit's label even after the search moves on.
 */
export function UnitPicker(props: { projectId?: string; value?: string; onChange?: (v: string | undefined) => void; id?: string; initialLabel?: string }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(
    props.value && props.initialLabel ? { value: props.value, label: props.initialLabel } : null,
  );
  useEffect(() => {
    const h = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const units = useQuery({
    queryKey: ['units', 'picker', props.projectId, search],
    queryFn: () => api.get<Page<Unit>>('/api/units', { projectId: props.projectId, q: search || undefined, pageSize: 30 }),
    enabled: !!props.projectId,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const list = (units.data?.items ?? []).map((u) => ({
      value: u.id,
      label: unitTitle(u),
      kind: label(UNIT_KINDS, u.kind, locale),
    }));
    if (chosen && chosen.value === props.value && !list.some((o) => o.value === chosen.value)) list.unshift({ ...chosen, kind: '' });
    return list;
  }, [units.data, chosen, props.value, locale]);
  return (
    <Select
      id={props.id}
      value={props.value}
      disabled={!props.projectId}
      placeholder={props.projectId ? t('输入房号搜索，如 1201', 'Type a unit number, e.g. 1201') : t('请先选择项目', 'Choose the project first')}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={units.isFetching}
      notFoundContent={units.isFetching ? t('搜索中…', 'Searching…') : t('没有匹配的房屋', 'No matching unit')}
      options={options}
      optionRender={(o) => (
        <Space>
          <span>{o.label}</span>
          {o.data.kind && <Typography.Text type="secondary">{o.data.kind}</Typography.Text>}
        </Space>
      )}
      onChange={(v, opt) => {
        const o = Array.isArray(opt) ? opt[0] : opt;
        setChosen(v && o ? { value: v, label: String(o.label) } : null);
        props.onChange?.(v);
      }}
      allowClear
      style={{ minWidth: 200 }}
    />
  );
}

/**
 * The import button of a per-project import: imports go into one project, so when no project
 * is filtered (and the user has several) it asks which one first.
 */
export function ProjectImportButton(props: {
  projectId?: string;
  title: string;
  templateUrl: string;
  uploadUrl: string;
  onDone(result: Record<string, unknown>): void;
}) {
  const { t } = useI18n();
  const projects = useProjects();
  const preset = useDefaultProject(props.projectId);
  const [choosing, setChoosing] = useState(false);
  const [projectId, setProjectId] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ projectId: string }>();
  const projectName = projects.data?.items.find((p) => p.id === projectId)?.name ?? '';

  const start = () => {
    if (preset) {
      setProjectId(preset);
      setOpen(true);
    } else setChoosing(true);
  };
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={start}>
        {t('导入', 'Import')}
      </Button>
      <Modal
        open={choosing}
        title={t('导入到哪个项目？', 'Import into which project?')}
        onCancel={() => setChoosing(false)}
        onOk={() => form.submit()}
        okText={t('下一步', 'Next')}
        destroyOnHidden
      >
        <Form
          name="importProject"
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setProjectId(v.projectId);
            setChoosing(false);
            setOpen(true);
          }}
        >
          <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
            <ProjectSelect placeholder={t('选择项目', 'Choose a project')} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      {projectId && (
        <ImportDialog
          open={open}
          onClose={() => setOpen(false)}
          title={`${props.title}${projectName ? ` · ${projectName}` : ''}`}
          templateUrl={props.templateUrl}
          uploadUrl={props.uploadUrl}
          fields={{ projectId }}
          onDone={(r) => props.onDone(r as unknown as Record<string, unknown>)}
        />
      )}
    </>
  );
}

/** An antd Form rule from a contract's zod schema (empty values are left to `required`). */
export function zodRule(schema: { safeParse(v: unknown): { success: boolean } }, message: string) {
  return {
    validator: async (_: unknown, v: unknown) => {
      if (v === undefined || v === null || v === '') return;
      if (!schema.safeParse(typeof v === 'string' ? v.trim() : v).success) throw new Error(message);
    },
  };
}

/** Detail queries: a 404/403 is an answer, not a hiccup — show it at once instead of retrying. */
export function retryUnlessClientError(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 1;
}
