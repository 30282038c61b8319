/**
 * The A5 收据: project, receipt number, unit and payer, the lines paid, the amount in figures and
 * in capital numerals (大写), method, cashier. Opening it records a print; every print after the
 * first is marked 补打 (reprint) with its count.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Receipt } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, useLabel, yuan } from './shared';

const CSS = `
@page { size: A5 landscape; margin: 8mm; }
.rc-bg { background: #f0f2f5; min-height: 100vh; padding: 16px 0 32px; }
.rc-sheet { width: 210mm; min-height: 148mm; margin: 0 auto; background: #fff; box-shadow: 0 2px 12px rgba(0,0,0,.15);
  padding: 8mm 10mm; box-sizing: border-box; color: #000; font-size: 10pt; line-height: 1.4; position: relative;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
.rc-sheet h1 { font-size: 15pt; margin: 0; text-align: center; letter-spacing: 2px; }
.rc-sheet h2 { font-size: 13pt; margin: 1mm 0 0; text-align: center; letter-spacing: 10px; }
.rc-sub { text-align: center; font-size: 8.5pt; color: #333; }
.rc-copy { position: absolute; top: 8mm; right: 10mm; border: .5mm solid #c00; color: #c00; padding: .5mm 3mm; font-size: 13pt; font-weight: 700; letter-spacing: 4px; transform: rotate(6deg); }
.rc-head { display: flex; justify-content: space-between; margin-top: 3mm; }
.rc-t { width: 100%; border-collapse: collapse; margin-top: 2mm; }
.rc-t th, .rc-t td { border: .3mm solid #000; padding: 1mm 2mm; text-align: left; }
.rc-t th { background: #f5f5f5; font-weight: 600; }
.rc-t .num { text-align: right; white-space: nowrap; }
.rc-sum td { font-weight: 700; }
.rc-foot { display: flex; justify-content: space-between; margin-top: 4mm; }
.rc-note { margin-top: 2mm; font-size: 8pt; color: #444; }
.rc-toolbar { width: 210mm; margin: 0 auto 12px; display: flex; justify-content: space-between; }
@media print {
  .no-print { display: none !important; }
  .rc-bg { background: none; padding: 0; min-height: 0; }
  .rc-sheet { width: auto; min-height: 0; box-shadow: none; padding: 0; margin: 0; }
  html, body { background: #fff; }
}
@media screen and (max-width: 800px) { .rc-sheet, .rc-toolbar { width: 100%; } }
`;

export default function ReceiptPrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const lbl = useLabel();
  const qc = useQueryClient();
  const receipt = useQuery({ queryKey: ['payments', 'receipt', id], queryFn: () => api.get<Receipt>(`/api/payments/${id}`), retry: false });
  // One print recorded per opening of the sheet (the ref keeps React's double effects from counting twice).
  const recorded = useRef<string | null>(null);
  const [print, setPrint] = useState<{ printCount: number; reprint: boolean } | null>(null);
  useEffect(() => {
    if (!receipt.data || recorded.current === id) return;
    recorded.current = id;
    void api.post<{ printCount: number; reprint: boolean }>(`/api/payments/${id}/print`).then((p) => {
      setPrint(p);
      void qc.invalidateQueries({ queryKey: ['payments', 'list'] });
    });
  }, [receipt.data, id, qc]);
  const r = receipt.data;
  useEffect(() => {
    if (r) document.title = `${t('收据', 'Receipt')} ${r.receiptNumber}`;
  }, [r, t]);

  if (receipt.isLoading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!r) {
    return (
      <div style={{ maxWidth: 480, margin: '20vh auto', padding: 16 }}>
        <Alert type="error" showIcon message={receipt.error instanceof ApiError ? receipt.error.message : t('无法加载收据', 'The receipt could not be loaded')} />
        <Link to="/receipts">{t('返回收据列表', 'Back to receipts')}</Link>
      </div>
    );
  }
  const title = r.kind === 'reversal' ? t('收据（冲正）', 'RECEIPT (REVERSAL)') : r.kind === 'deposit_refund' ? t('退款收据', 'REFUND RECEIPT') : t('收  据', 'RECEIPT');
  return (
    <div className="rc-bg">
      <style>{CSS}</style>
      <div className="rc-toolbar no-print">
        <Link to="/receipts">
          <Button icon={<ArrowLeftOutlined />}>{t('返回', 'Back')}</Button>
        </Link>
        <Space>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('打印', 'Print')}
          </Button>
        </Space>
      </div>
      <div className="rc-sheet" data-testid="receipt-sheet">
        {print?.reprint && (
          <div className="rc-copy" data-testid="reprint-mark">
            {t('补打', 'REPRINT')} {t(`第${print.printCount}次`, `#${print.printCount}`)}
          </div>
        )}
        <h1>{r.projectName}</h1>
        {r.projectAddress && <div className="rc-sub">{r.projectAddress}</div>}
        <h2>{title}</h2>
        <div className="rc-head">
          <div>{t('房屋：', 'Unit: ')}{r.unitLabel ?? '—'}</div>
          <div>{t('收据号：', 'No.: ')}<b data-testid="receipt-number">{r.receiptNumber}</b></div>
        </div>
        <div className="rc-head">
          <div>{t('付款人：', 'Payer: ')}{r.payerName ?? '—'}</div>
          <div>{t('日期：', 'Date: ')}{r.businessDate}</div>
        </div>
        <table className="rc-t">
          <thead>
            <tr>
              <th style={{ width: '18%' }}>{t('账期', 'Period')}</th>
              <th>{t('收费项目', 'Item')}</th>
              <th className="num" style={{ width: '22%' }}>{t('金额（元）', 'Amount (yuan)')}</th>
            </tr>
          </thead>
          <tbody>
            {r.lines.map((l) => (
              <tr key={l.billLineId}>
                <td>{l.period}</td>
                <td>{l.description}</td>
                <td className="num">{yuan(l.amountFen)}</td>
              </tr>
            ))}
            {r.lines.length === 0 && (
              <tr>
                <td>—</td>
                <td>{r.purpose ?? lbl(PAYMENT_KIND_LABELS, r.kind)}</td>
                <td className="num">{yuan(r.amountFen)}</td>
              </tr>
            )}
            {r.lines.length > 0 && r.purpose && (
              <tr>
                <td>—</td>
                <td>{r.purpose}</td>
                <td className="num"></td>
              </tr>
            )}
            <tr className="rc-sum">
              <td>{t('合计', 'Total')}</td>
              <td>{t('人民币（大写）：', 'In words: ')}<span data-testid="amount-capital">{r.amountCapital}</span></td>
              <td className="num" data-testid="amount-figure">¥{yuan(r.amountFen)}</td>
            </tr>
          </tbody>
        </table>
        <div className="rc-foot">
          <div>{t('收款方式：', 'Method: ')}{lbl(PAYMENT_METHOD_LABELS, r.method)}</div>
          {r.changeFen > 0 && <div>{t('找零：', 'Change: ')}¥{yuan(r.changeFen)}</div>}
          <div>{t('收款人：', 'Cashier: ')}{r.cashierName}</div>
          <div>{t('打印时间：', 'Printed: ')}{dayjs().format('YYYY-MM-DD HH:mm')}</div>
        </div>
        {r.kind === 'reversal' && r.relatedReceiptNumber && (
          <div className="rc-note">{t(`冲正原收据 ${r.relatedReceiptNumber}，原因：${r.reason ?? ''}`, `Reverses receipt ${r.relatedReceiptNumber}; reason: ${r.reason ?? ''}`)}</div>
        )}
        {r.reversedByPaymentId && <div className="rc-note" style={{ color: '#c00' }}>{t(`本收据已冲正（${r.relatedReceiptNumber ?? ''}）`, `This receipt has been reversed (${r.relatedReceiptNumber ?? ''})`)}</div>}
        <div className="rc-note">{t('本收据为收费凭证，请妥善保管。', 'Keep this receipt as proof of payment.')}</div>
      </div>
    </div>
  );
}
