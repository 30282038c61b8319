/**
 * The printable papers of resident services, A5 (or A4 for cards), with print CSS:
 * 入伙确认单 (move-in confirmation), 放行条 (release slip, number + QR), 装修许可证 (permit) and
 * 出入证 (pass cards with QR, eight to an A4 page). The QR holds a link to the gate page with
 * the slip's or pass's unguessable code.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import type { ItemRelease, MoveIn, Pass, Renovation } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { useProjects } from '../../components/common';
import { MOVE_IN_STEP, PASS_KIND, RELATION_LABELS, UTILITY_KIND, UTILITY_STATUS, fen, labelOf, milli, when } from './shared';

const CSS = `
@page { size: A5 portrait; margin: 8mm; }
.rs-bg { background: #f0f2f5; min-height: 100vh; padding: 16px 0 32px; }
.rs-sheet { width: 148mm; min-height: 200mm; margin: 0 auto 12px; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.15); padding: 8mm; box-sizing: border-box;
  color: #000; font-size: 10pt; line-height: 1.4; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
.rs-sheet h1 { font-size: 14pt; margin: 0; text-align: center; letter-spacing: 2px; }
.rs-sheet h2 { font-size: 13pt; margin: 1mm 0 3mm; text-align: center; letter-spacing: 6px; }
.rs-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 3mm; }
.rs-qr img { width: 26mm; height: 26mm; display: block; }
.rs-t { width: 100%; border-collapse: collapse; margin-top: 2mm; }
.rs-t th, .rs-t td { border: .3mm solid #000; padding: .8mm 1.5mm; text-align: left; vertical-align: top; }
.rs-t th { width: 24mm; background: #f5f5f5; white-space: nowrap; }
.rs-sign { display: flex; justify-content: space-between; margin-top: 8mm; }
.rs-toolbar { width: 148mm; margin: 0 auto 12px; display: flex; justify-content: space-between; }
.rs-cards { width: 190mm; margin: 0 auto; display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; background: #fff; padding: 6mm; box-sizing: border-box; }
.rs-card { border: .4mm solid #000; border-radius: 2mm; padding: 3mm; height: 56mm; display: flex; gap: 3mm; font-size: 9pt; color: #000; box-sizing: border-box; break-inside: avoid; }
.rs-card h3 { margin: 0 0 1mm; font-size: 11pt; }
.rs-card img { width: 28mm; height: 28mm; }
@media print {
  .no-print { display: none !important; }
  .rs-bg { background: none; padding: 0; }
  .rs-sheet { box-shadow: none; margin: 0; width: auto; min-height: 0; padding: 0; }
  .rs-cards { width: auto; padding: 0; }
  html, body { background: #fff; }
}
`;

function useQr(text: string | null | undefined) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    void QRCode.toDataURL(text, { margin: 1, width: 300, errorCorrectionLevel: 'M' }).then((u) => live && setUrl(u));
    return () => { live = false; };
  }, [text]);
  return url;
}

const gateLink = (kind: 'ir' | 'pass', code: string) => `${window.location.origin}/gate?${kind}=${code}`;

function Frame({ back, children, a4 }: { back: string; children: ReactNode; a4?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="rs-bg">
      <style>{CSS + (a4 ? '@page { size: A4 portrait; margin: 10mm; }' : '')}</style>
      <div className="rs-toolbar no-print" style={a4 ? { width: '190mm' } : undefined}>
        <Link to={back}><Button icon={<ArrowLeftOutlined />}>{t('返回', 'Back')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('打印', 'Print')}</Button>
      </div>
      {children}
    </div>
  );
}

function Loading({ q }: { q: { isLoading: boolean; error: unknown } }) {
  const { t } = useI18n();
  if (q.isLoading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  return <div style={{ maxWidth: 480, margin: '20vh auto' }}><Alert type="error" showIcon message={q.error instanceof ApiError ? q.error.message : t('无法加载', 'Could not load')} /></div>;
}

function useProjectName(projectId: string | undefined) {
  const projects = useProjects();
  return projects.data?.items.find((p) => p.id === projectId)?.name ?? '';
}

function MoveInSheet({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const q = useQuery({ queryKey: ['move-ins', 'one', id], queryFn: () => api.get<MoveIn>(`/api/move-ins/${id}`) });
  const project = useProjectName(q.data?.projectId);
  if (!q.data) return <Loading q={q} />;
  const m = q.data;
  return (
    <Frame back={`/move-ins/${m.id}`}>
      <div className="rs-sheet" data-testid="move-in-sheet">
        <h1>{project}</h1>
        <h2>{t('入伙确认单', 'Move-in confirmation')}</h2>
        <div>{t('单号', 'No.')}：<b>{m.number}</b> {t('房屋', 'Unit')}：<b>{m.buildingName} {m.unitNumber}</b> {t('入伙日期', 'Date')}：{m.moveInDate ?? '—'}</div>
        <table className="rs-t"><tbody>
          {m.people.map((p, i) => <tr key={i}><th>{labelOf(RELATION_LABELS, p.relation, locale)}</th><td>{p.name} {p.phone} {p.idNumberMasked ?? ''}</td></tr>)}
          {Object.entries(m.checklist).map(([s, c]) => <tr key={s}><th>{labelOf(MOVE_IN_STEP, s, locale)}</th><td>{c.done ? `✔ ${c.doneBy ?? ''} ${when(c.doneAt)}` : '☐'}{c.note ? ` ${c.note}` : ''}</td></tr>)}
          <tr><th>{t('表底数', 'Readings')}</th><td>{m.meterReadings ? `${t('水', 'Water')} ${milli(m.meterReadings.waterMilli)} m³ ${t('电', 'Electricity')} ${milli(m.meterReadings.electricityMilli)} kWh ${t('气', 'Gas')} ${milli(m.meterReadings.gasMilli)} m³` : '—'}</td></tr>
          <tr><th>{t('钥匙', 'Keys')}</th><td>{m.keys ? `${m.keys.count} ${m.keys.which}` : '—'}</td></tr>
          {m.utilities.map((u) => <tr key={u.kind}><th>{labelOf(UTILITY_KIND, u.kind, locale)}{t('开户', ' account')}</th><td>{labelOf(UTILITY_STATUS, u.status, locale)} {u.accountNumber ?? u.failureReason ?? ''}</td></tr>)}
          <tr><th>{t('托收', 'Direct debit')}</th><td>{m.directDebit ? `${m.directDebit.bank} ${m.directDebit.accountMasked} ${m.directDebit.accountHolder}` : '—'}</td></tr>
        </tbody></table>
        <p style={{ marginTop: '4mm' }}>{t('以上手续已办理完毕，业主/住户已阅知并承诺遵守《业主公约》。', 'The above has been completed; the owner/resident has read the owners\' convention and agrees to it.')}</p>
        <div className="rs-sign"><span>{t('业主/住户签字：', 'Owner / resident:')}__________</span><span>{t('经办人：', 'Staff:')}{m.completedBy ?? m.createdBy ?? ''}</span></div>
      </div>
    </Frame>
  );
}

function ReleaseSlip({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['item-releases', 'one', id], queryFn: () => api.get<ItemRelease>(`/api/item-releases/${id}`) });
  const project = useProjectName(q.data?.projectId);
  const qr = useQr(q.data?.qrCode ? gateLink('ir', q.data.qrCode) : null);
  if (!q.data) return <Loading q={q} />;
  const r = q.data;
  return (
    <Frame back={`/item-releases/${r.id}`}>
      <div className="rs-sheet" data-testid="release-slip">
        <h1>{project}</h1>
        <h2>{t('物品放行条', 'Item release slip')}</h2>
        <div className="rs-head">
          <div>
            <div>{t('放行条号', 'No.')}：<b style={{ fontSize: '13pt' }}>{r.number}</b></div>
            <div>{t('房屋', 'Unit')}：{r.buildingName} {r.unitNumber}</div>
            <div>{t('申请人', 'Applicant')}：{r.applicantName}</div>
            <div>{t('有效日期', 'Valid on')}：{t(`至 ${r.plannedDate} 当日止`, `until the end of ${r.plannedDate}`)}</div>
            <div>{t('车牌号', 'Plate')}：{r.plate ?? '—'}</div>
          </div>
          <div className="rs-qr">{qr && <img src={qr} alt={t('放行条二维码', 'Slip QR code')} />}</div>
        </div>
        <table className="rs-t"><thead><tr><th>{t('物品', 'Item')}</th><td><b>{t('数量', 'Quantity')}</b></td></tr></thead><tbody>
          {r.items.map((i, k) => <tr key={k}><th style={{ fontWeight: 400 }}>{i.name}</th><td>{i.quantity}</td></tr>)}
        </tbody></table>
        <p>{r.ownerConfirmation ? t(`业主确认：${r.ownerConfirmation.ownerName}`, `Owner confirmed: ${r.ownerConfirmation.ownerName}`) : ''} {t('审批', 'Approved by')}：{r.decidedBy ?? ''} {when(r.decidedAt)}</p>
        <p style={{ fontSize: '8.5pt' }}>{t('本放行条仅限使用一次，门岗扫码或输入单号核验后放行。', 'Single use: the gate checks it by QR or number, then releases.')}</p>
        <div className="rs-sign"><span>{t('门岗：', 'Gate:')}__________</span><span>{t('放行时间：', 'Released at:')}__________</span></div>
      </div>
    </Frame>
  );
}

function Permit({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['renovations', 'one', id], queryFn: () => api.get<Renovation>(`/api/renovations/${id}`) });
  const project = useProjectName(q.data?.projectId);
  if (!q.data) return <Loading q={q} />;
  const r = q.data;
  return (
    <Frame back={`/renovations/${r.id}`}>
      <div className="rs-sheet" data-testid="renovation-permit">
        <h1>{project}</h1>
        <h2>{t('装修许可证', 'Renovation permit')}</h2>
        <div>{t('许可证号', 'Permit no.')}：<b style={{ fontSize: '13pt' }}>{r.permitNumber ?? '—'}</b> {t('申请单号', 'Application')}：{r.number}</div>
        <table className="rs-t"><tbody>
          <tr><th>{t('房屋', 'Unit')}</th><td>{r.buildingName} {r.unitNumber}</td></tr>
          <tr><th>{t('业主', 'Owner')}</th><td>{r.ownerName} {r.ownerPhone}</td></tr>
          <tr><th>{t('装修公司', 'Contractor')}</th><td>{r.contractorCompany} {t('负责人', 'In charge')}：{r.personInCharge} {r.personInChargePhone}</td></tr>
          <tr><th>{t('施工期限', 'Dates')}</th><td><b>{r.plannedStart} ~ {r.approvedEnd}</b></td></tr>
          <tr><th>{t('施工范围', 'Scope')}</th><td>{r.scope}</td></tr>
          <tr><th>{t('施工人员', 'Workers')}</th><td>{r.workers.map((w) => w.name).join('、')}</td></tr>
          <tr><th>{t('审批条件', 'Conditions')}</th><td>{r.conditions ?? '—'}</td></tr>
          <tr><th>{t('押金 / 费用', 'Deposit / fees')}</th><td>{fen(r.depositFen)}；{r.fees.map((f) => `${f.name} ${fen(f.amountFen)}`).join('；')}</td></tr>
        </tbody></table>
        <p style={{ fontSize: '8.5pt', marginTop: '3mm' }}>{t('请将本证张贴于户门外显著位置。施工时间：工作日 8:00–12:00、14:00–18:00，严禁改动承重结构、破坏防水层。', 'Post this permit on the front door. Working hours: weekdays 8:00–12:00, 14:00–18:00; no changes to load-bearing structure or waterproofing.')}</p>
        <div className="rs-sign"><span>{t('客户服务中心（盖章）', 'Customer service center (seal)')}</span><span>{when(r.permitIssuedAt)}</span></div>
      </div>
    </Frame>
  );
}

function PassCard({ p, project }: { p: Pass; project: string }) {
  const { t, locale } = useI18n();
  const qr = useQr(gateLink('pass', p.qrCode));
  return (
    <div className="rs-card" data-testid="pass-card">
      <div style={{ flex: 1 }}>
        <div style={{ fontSize: '8pt' }}>{project}</div>
        <h3>{labelOf(PASS_KIND, p.kind, locale)}</h3>
        <div>{t('证号', 'No.')}：<b>{p.number}</b></div>
        <div>{t('持证人', 'Holder')}：{p.holderName}</div>
        {p.idNumberMasked && <div>{t('证件', 'ID')}：{p.idNumberMasked}</div>}
        <div>{[p.company, p.unitLabel].filter(Boolean).join(' · ')}</div>
        {p.plate && <div>{t('车牌', 'Plate')}：<b>{p.plate}</b></div>}
        <div>{t('有效期', 'Valid')}：{p.validFrom} ~ {p.validTo}</div>
      </div>
      {qr && <img src={qr} alt={t('出入证二维码', 'Pass QR code')} />}
    </div>
  );
}

function PassCards() {
  const [params] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, 48);
  const q = useQuery({ queryKey: ['passes', 'print', ids], queryFn: () => Promise.all(ids.map((i) => api.get<Pass>(`/api/passes/${i}`))) });
  const project = useProjectName(q.data?.[0]?.projectId);
  if (!q.data) return <Loading q={q} />;
  return (
    <Frame back="/passes" a4>
      <div className="rs-cards">{q.data.map((p) => <PassCard key={p.id} p={p} project={project} />)}</div>
    </Frame>
  );
}

export default function ResidentPrintPage() {
  const { kind = '', id = '' } = useParams();
  if (kind === 'move-ins') return <MoveInSheet id={id} />;
  if (kind === 'item-releases') return <ReleaseSlip id={id} />;
  if (kind === 'renovations') return <Permit id={id} />;
  if (kind === 'passes') return <PassCards />;
  return <Space />;
}
