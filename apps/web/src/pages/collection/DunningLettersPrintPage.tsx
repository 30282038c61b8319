/**
 * 催缴通知书: one reminder letter per unit, A4 or A5, each on its own sheet — the project's header,
 * the owner, every overdue line with its due date, days overdue, amount and late fee, the total
 * in figures and in capital numerals (大写, from the server's billing.capital), where to pay.
 * The figures are the ones kept with the notice, so a reprint says the same.
 */
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Segmented, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { DunningLetter } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { yuan } from './shared';

const css = (size: 'A4' | 'A5') => `
@page { size: ${size} portrait; margin: ${size === 'A4' ? '15mm' : '8mm'}; }
.dl-bg { background: #f0f2f5; min-height: 100vh; padding: 16px 0 32px; }
.dl-sheet { width: ${size === 'A4' ? '210mm' : '148mm'}; min-height: ${size === 'A4' ? '297mm' : '210mm'}; margin: 0 auto 16px; background: #fff;
  box-shadow: 0 2px 12px rgba(0,0,0,.15); padding: ${size === 'A4' ? '15mm' : '8mm'}; box-sizing: border-box; color: #000;
  font-size: ${size === 'A4' ? '11pt' : '9.5pt'}; line-height: 1.6;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
.dl-sheet h1 { font-size: ${size === 'A4' ? '18pt' : '14pt'}; text-align: center; letter-spacing: 6px; margin: 0 0 1mm; }
.dl-sub { text-align: center; font-size: .85em; color: #333; margin-bottom: 4mm; }
.dl-t { width: 100%; border-collapse: collapse; margin: 3mm 0; }
.dl-t th, .dl-t td { border: .3mm solid #000; padding: .8mm 1.5mm; }
.dl-t th { background: #f5f5f5; font-weight: 600; }
.dl-t .n { text-align: right; white-space: nowrap; }
.dl-sign { text-align: right; margin-top: 8mm; }
.dl-foot { margin-top: 4mm; font-size: .8em; color: #555; }
.dl-toolbar { width: ${size === 'A4' ? '210mm' : '148mm'}; margin: 0 auto 12px; display: flex; justify-content: space-between; }
@media print {
  .no-print { display: none !important; }
  .dl-bg { background: none; padding: 0; min-height: 0; }
  .dl-sheet { width: auto; min-height: 0; box-shadow: none; padding: 0; margin: 0; break-after: page; }
  .dl-sheet:last-child { break-after: auto; }
  html, body { background: #fff; }
}
`;

export default function DunningLettersPrintPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, 200);
  const size = params.get('size') === 'A5' ? 'A5' : 'A4';
  const letters = useQueries({
    queries: ids.map((id) => ({ queryKey: ['dunning-letter', id], queryFn: () => api.get<DunningLetter>(`/api/dunning-notices/${id}/letter`), retry: false })),
  });
  useEffect(() => {
    document.title = t('催缴通知书', 'Payment reminder');
  }, [t]);

  if (letters.some((q) => q.isLoading)) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  const failed = letters.find((q) => q.error);
  const loaded = letters.map((q) => q.data).filter((l): l is DunningLetter => !!l);

  return (
    <div className="dl-bg">
      <style>{css(size)}</style>
      <div className="dl-toolbar no-print">
        <Link to="/collection/arrears"><Button icon={<ArrowLeftOutlined />}>{t('返回欠费管理', 'Back to arrears')}</Button></Link>
        <Space>
          <Segmented value={size} options={['A4', 'A5']} onChange={(v) => setParams((p) => { const n = new URLSearchParams(p); n.set('size', String(v)); return n; })} />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t(`打印 ${loaded.length} 份`, `Print ${loaded.length}`)}</Button>
        </Space>
      </div>
      {failed && (
        <div className="no-print" style={{ maxWidth: 600, margin: '0 auto 12px' }}>
          <Alert type="error" showIcon message={failed.error instanceof ApiError ? failed.error.message : t('部分通知书无法加载', 'Some letters could not be loaded')} />
        </div>
      )}
      {loaded.map((l) => <Letter key={l.noticeId} letter={l} />)}
    </div>
  );
}

/** The letter is in Chinese: it goes to the owner, whatever the clerk's screen language. */
function Letter({ letter: l }: { letter: DunningLetter }) {
  const owner = l.ownerNames.length ? l.ownerNames.join('、') : '业主';
  return (
    <section className="dl-sheet" aria-label={`催缴通知书 ${l.buildingName}${l.unitNumber}`}>
      <h1>催缴通知书</h1>
      <div className="dl-sub">{[l.projectName, l.projectAddress].filter(Boolean).join(' · ')}</div>
      <p>尊敬的 <b>{owner}</b>（{l.buildingName} {l.unitNumber}）：</p>
      <p>
        经核对，截至 {l.asOf}，您的房屋尚有以下费用逾期未缴。根据物业服务合同的约定，请您于收到本通知之日起七日内到客服中心缴清；
        逾期费用按约定计收滞纳金。如您已缴纳，请忽略本通知。
      </p>
      <table className="dl-t">
        <thead>
          <tr>
            <th>账期</th>
            <th>收费项目</th>
            <th>应缴日期</th>
            <th>逾期天数</th>
            <th>欠费金额(元)</th>
            <th>滞纳金(元)</th>
          </tr>
        </thead>
        <tbody>
          {l.lines.map((x) => (
            <tr key={x.billLineId}>
              <td>{x.period}</td>
              <td>{x.description}</td>
              <td>{x.dueDate}</td>
              <td className="n">{x.daysPastDue}</td>
              <td className="n">{yuan(x.outstandingFen)}</td>
              <td className="n">{yuan(x.lateFeeFen)}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={4}><b>合计</b></td>
            <td className="n"><b>{yuan(l.outstandingFen)}</b></td>
            <td className="n"><b>{yuan(l.lateFeeFen)}</b></td>
          </tr>
        </tbody>
      </table>
      <p>
        应缴合计：人民币 <b data-testid="letter-total">¥{yuan(l.totalFen)}</b>（大写：<b data-testid="letter-capital">{l.totalCapital}</b>）
      </p>
      <p>缴费地点：{l.projectName}客户服务中心{l.projectPhone ? `，咨询电话：${l.projectPhone}` : ''}。</p>
      <div className="dl-sign">
        <div>{l.projectName} 客户服务中心</div>
        <div>{dayjs(l.asOf).format('YYYY年M月D日')}</div>
      </div>
      <div className="dl-foot">通知编号：{l.noticeId}</div>
    </section>
  );
}
