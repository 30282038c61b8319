/**
 * The printable A5 派工单: the center's header, the order and ticket numbers, what and where,
 * who to call, the appointment, team and technician, and blank lines for the technician to fill
 * in on site and both signatures. The QR opens the order (/work-orders/by-code/<code>) on a phone.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import QRCode from 'qrcode';
import type { OrgUnit, Ticket, WorkOrder } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { useProjects } from '../../components/common';
import { formatFen } from '../tickets/bits';
import { PRIORITIES, TICKET_KINDS } from '../tickets/labels';
import { appointmentText, kindOfTicketNumber, orderPlace } from './shared';

const CSS = `
@page { size: A5 portrait; margin: 8mm; }
.wo-print-bg { background: #f0f2f5; min-height: 100vh; padding: 16px 0 32px; }
.wo-sheet { width: 148mm; min-height: 210mm; margin: 0 auto; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.15);
  padding: 8mm; box-sizing: border-box; color: #000; font-size: 9.5pt; line-height: 1.35;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
.wo-sheet h1 { font-size: 14pt; margin: 0; text-align: center; letter-spacing: 2px; }
.wo-sheet h2 { font-size: 12pt; margin: .5mm 0 0; text-align: center; letter-spacing: 6px; }
.wo-sub { text-align: center; font-size: 8.5pt; color: #333; }
.wo-head { display: flex; justify-content: space-between; align-items: flex-start; margin-top: 1.5mm; gap: 3mm; }
.wo-head .nums div { margin-bottom: .6mm; }
.wo-head .nums b { font-size: 12pt; }
.wo-qr { text-align: center; font-size: 7pt; color: #333; }
.wo-qr img { width: 23mm; height: 23mm; display: block; }
.wo-t { width: 100%; border-collapse: collapse; margin-top: 2mm; table-layout: fixed; }
.wo-t th, .wo-t td { border: .3mm solid #000; padding: .6mm 1.5mm; vertical-align: top; text-align: left; word-break: break-all; }
.wo-t th { width: 21mm; font-weight: 600; background: #f5f5f5; white-space: nowrap; }
.wo-t .blank { height: 5.5mm; }
.wo-t .desc { min-height: 9mm; white-space: pre-wrap; }
.wo-mat th { width: auto; text-align: center; }
.wo-line { border-bottom: .3mm solid #000; display: inline-block; min-width: 22mm; height: 4.5mm; vertical-align: bottom; }
.wo-sign { display: flex; justify-content: space-between; margin-top: 4mm; gap: 4mm; }
.wo-sign div { flex: 1; }
.wo-foot { margin-top: 2.5mm; font-size: 7.5pt; color: #555; display: flex; justify-content: space-between; }
.wo-toolbar { width: 148mm; margin: 0 auto 12px; display: flex; justify-content: space-between; }
@media print {
  .no-print { display: none !important; }
  .wo-print-bg { background: none; padding: 0; min-height: 0; }
  .wo-sheet { width: auto; min-height: 0; box-shadow: none; padding: 0; margin: 0; }
  html, body { background: #fff; height: auto; min-height: 0; }
}
@media screen and (max-width: 600px) {
  .wo-sheet, .wo-toolbar { width: 100%; }
  .wo-toolbar { padding: 0 8px; box-sizing: border-box; }
}
`;

export default function WorkOrderPrintPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const order = useQuery({ queryKey: ['work-orders', 'one', id], queryFn: () => api.get<WorkOrder>(`/api/work-orders/${id}`), retry: false });
  const o = order.data;
  const projects = useProjects();
  const project = projects.data?.items.find((p) => p.id === o?.projectId);
  // The center above the project; someone granted at the project only may not see it (then the project heads the sheet).
  const center = useQuery({
    queryKey: ['org-units', 'one', project?.parentId],
    queryFn: () => api.get<OrgUnit>(`/api/org-units/${project!.parentId}`),
    enabled: !!project?.parentId,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const company = useQuery({
    queryKey: ['org-units', 'one', center.data?.parentId],
    queryFn: () => api.get<OrgUnit>(`/api/org-units/${center.data!.parentId}`),
    enabled: !!center.data?.parentId,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const ticket = useQuery({
    queryKey: ['tickets', 'for-work-order', o?.ticketId],
    queryFn: () => api.get<Ticket>(`/api/tickets/${o!.ticketId}`),
    enabled: !!o && can('tickets.read'),
    retry: false,
  });
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!o) return;
    let live = true;
    void QRCode.toDataURL(`${window.location.origin}/work-orders/by-code/${o.qrCode}`, { margin: 1, width: 300, errorCorrectionLevel: 'M' }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [o]);
  useEffect(() => {
    if (o) document.title = `${t('派工单', 'Work order')} ${o.number}`;
  }, [o, t]);

  if (order.isLoading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!o) {
    return (
      <div style={{ maxWidth: 480, margin: '20vh auto', padding: 16 }}>
        <Alert type="error" showIcon message={order.error instanceof ApiError ? order.error.message : t('无法加载派工单', 'The work order could not be loaded')} />
        <Link to="/work-orders">{t('返回我的派工单', 'Back to my work orders')}</Link>
      </div>
    );
  }

  const kind = ticket.data?.kind ?? kindOfTicketNumber(o.ticketNumber);
  const kindText = [label(TICKET_KINDS, kind, locale), ticket.data?.categoryName].filter(Boolean).join(' / ');
  const heading = center.data?.name ?? project?.name ?? t('客户服务中心', 'Customer service center');
  const sub = [center.data ? project?.name : null, project?.address, project?.phone ? t(`服务电话 ${project.phone}`, `Tel. ${project.phone}`) : null].filter(Boolean).join(' · ');
  const blank = (n: number) => Array.from({ length: n }, (_, i) => <div key={i} className="wo-line" style={{ display: 'block', width: '100%', height: '5.5mm' }} />);
  const row = (th: ReactNode, td: ReactNode, opts: { colSpan?: number } = {}) => (
    <tr>
      <th>{th}</th>
      <td colSpan={opts.colSpan ?? 3}>{td}</td>
    </tr>
  );
  const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');

  return (
    <div className="wo-print-bg">
      <style>{CSS}</style>
      <div className="wo-toolbar no-print">
        <Link to={`/work-orders/${o.id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('返回', 'Back')}</Button>
        </Link>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('打印', 'Print')}
          </Button>
        </Space>
      </div>
      <div className="wo-sheet" data-testid="work-order-sheet">
        {company.data?.kind === 'company' && <div className="wo-sub" style={{ fontSize: '9pt' }}>{company.data.name}</div>}
        <h1>{heading}</h1>
        {sub && <div className="wo-sub">{sub}</div>}
        <h2>{t('派工单', 'WORK ORDER')}</h2>
        <div className="wo-head">
          <div className="nums">
            <div>{t('派工单号：', 'No.: ')}<b>{o.number}</b></div>
            <div>{t('工单号：', 'Ticket: ')}{o.ticketNumber}</div>
            <div>{t('派单时间：', 'Issued: ')}{fmt(o.issuedAt)}</div>
            {ticket.data && (
              <div>{t('优先级：', 'Priority: ')}{label(PRIORITIES, ticket.data.priority, locale)}</div>
            )}
          </div>
          <div className="wo-qr">
            {qr ? <img src={qr} alt={t('派工单二维码', 'Work order QR code')} data-testid="work-order-qr" /> : <div style={{ width: '23mm', height: '23mm' }} />}
            {t('扫码查看/完工', 'Scan to open')}
          </div>
        </div>

        <table className="wo-t">
          <tbody>
            <tr>
              <th>{t('类型', 'Kind')}</th>
              <td>{kindText || '—'}</td>
              <th>{t('费用', 'Charge')}</th>
              <td>{o.paid === true ? t('有偿', 'Paid') : o.paid === false ? t('无偿', 'Free') : '—'}</td>
            </tr>
            {row(t('地址', 'Place'), <b>{orderPlace(o, t)}</b>)}
            <tr>
              <th>{t('报修人', 'Requester')}</th>
              <td>{o.requesterName ?? '—'}</td>
              <th>{t('电话', 'Phone')}</th>
              <td>{o.requesterPhone ?? '—'}</td>
            </tr>
            {row(t('预约时间', 'Appointment'), appointmentText(o, true) ?? '—')}
            <tr>
              <th>{t('班组', 'Team')}</th>
              <td>{o.teamName ?? '—'}</td>
              <th>{t('维修人员', 'Technician')}</th>
              <td>{o.technicianName ?? ''}</td>
            </tr>
            {row(t('问题描述', 'Problem'), <div className="desc">{o.description}</div>)}
            {o.note && row(t('派工说明', 'Note'), o.note)}
            {row(
              t('维修内容', 'Work done'),
              o.workDone ? <div className="desc">{o.workDone}</div> : <div>{blank(3)}</div>,
            )}
            <tr>
              <th>{t('到场时间', 'Arrived')}</th>
              <td>{fmt(o.arrivedAt)}</td>
              <th>{t('完工时间', 'Finished')}</th>
              <td>{fmt(o.finishedAt)}</td>
            </tr>
          </tbody>
        </table>

        <table className="wo-t wo-mat">
          <thead>
            <tr>
              <th style={{ width: '46%' }}>{t('材料名称', 'Material')}</th>
              <th>{t('数量', 'Qty')}</th>
              <th>{t('单价（元）', 'Unit price')}</th>
              <th>{t('金额（元）', 'Amount')}</th>
            </tr>
          </thead>
          <tbody>
            {(o.materials.length > 0 ? o.materials : Array.from({ length: 4 }, () => null)).map((m, i) => (
              <tr key={i}>
                <td className="blank">{m?.name ?? ''}</td>
                <td>{m ? m.quantity : ''}</td>
                <td>{m ? formatFen(m.unitPriceFen) : ''}</td>
                <td>{m ? formatFen(Math.round(m.quantity * m.unitPriceFen)) : ''}</td>
              </tr>
            ))}
            <tr>
              <td colSpan={2}>
                {t('工时：', 'Labour: ')}
                {o.labourMinutes !== null ? t(`${o.labourMinutes} 分钟`, `${o.labourMinutes} min`) : <><span className="wo-line" /> {t('分钟', 'min')}</>}
              </td>
              <td colSpan={2}>
                {t('收费：', 'Charge: ')}
                {o.chargeFen !== null ? formatFen(o.chargeFen) : o.paid === false ? t('无偿', 'free') : <>¥ <span className="wo-line" /></>}
              </td>
            </tr>
          </tbody>
        </table>

        <div className="wo-sign">
          <div>{t('维修人员签字：', 'Technician: ')}<span className="wo-line" style={{ minWidth: '25mm' }} /></div>
          <div>{t('业主签字：', 'Owner: ')}<span className="wo-line" style={{ minWidth: '25mm' }} /></div>
        </div>
        <div className="wo-sign" style={{ marginTop: '3mm' }}>
          <div style={{ flex: 2.2, whiteSpace: 'nowrap' }}>{t('服务评价：□ 满意　□ 基本满意　□ 不满意', 'Rating: □ satisfied □ basically □ unsatisfied')}</div>
          <div style={{ whiteSpace: 'nowrap' }}>{t('日期：', 'Date: ')}<span className="wo-line" style={{ minWidth: '18mm' }} /></div>
        </div>
        <div className="wo-foot">
          <span>{t('打印时间 ', 'Printed ')}{dayjs().format('YYYY-MM-DD HH:mm')}</span>
          <span>{o.number}</span>
        </div>
      </div>
    </div>
  );
}
