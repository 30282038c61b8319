/**
 * 门岗核验: the guard's phone page. Scan the QR with the camera (where the browser offers
 * BarcodeDetector) or type the printed number; a large valid / not-valid answer with only what
 * a guard needs; one tap to mark a release slip released or to log a pass holder's entry.
 * A printed QR holds a link to this page (/gate?ir=… or /gate?pass=…), so a phone's own camera
 * app opens it too.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Input, Space, Typography } from 'antd';
import { CameraOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { ItemRelease, ItemReleaseVerification, PassVerification } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { toastError } from '../../components/common';
import { PASS_KIND, VERIFY_STATUS, labelOf } from './shared';

type Answer = { subject: 'item_release'; v: ItemReleaseVerification } | { subject: 'pass'; v: PassVerification };

interface Detector { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> }
declare global {
  interface Window { BarcodeDetector?: new (opts: { formats: string[] }) => Detector }
}

/** What a scanned text or typed number points at. */
function parseScan(text: string): { subject: 'item_release' | 'pass' | 'either'; code: string } {
  const s = text.trim();
  try {
    const url = new URL(s);
    if (url.searchParams.get('ir')) return { subject: 'item_release', code: url.searchParams.get('ir')! };
    if (url.searchParams.get('pass')) return { subject: 'pass', code: url.searchParams.get('pass')! };
  } catch {
    // not a link: a typed number
  }
  const upper = s.toUpperCase();
  if (upper.startsWith('FX-')) return { subject: 'item_release', code: upper };
  if (upper.startsWith('SG-') || upper.startsWith('CL-')) return { subject: 'pass', code: upper };
  return { subject: 'either', code: s };
}

export default function GatePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const [gate, setGate] = useState(() => localStorage.getItem('propdesk.gate') ?? t('大门', 'Main gate'));
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const canScan = typeof window !== 'undefined' && !!window.BarcodeDetector && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => localStorage.setItem('propdesk.gate', gate), [gate]);

  const check = useCallback(async (raw: string) => {
    if (!raw.trim()) return;
    setBusy(true);
    setDone(null);
    try {
      const { subject, code } = parseScan(raw);
      const q = { gate };
      const enc = encodeURIComponent(code);
      if (subject !== 'pass') {
        const v = await api.get<ItemReleaseVerification>(`/api/item-releases/verify/${enc}`, q);
        if (v.status !== 'unknown' || subject === 'item_release') return setAnswer({ subject: 'item_release', v });
      }
      setAnswer({ subject: 'pass', v: await api.get<PassVerification>(`/api/passes/verify/${enc}`, q) });
    } catch (e) {
      toastError(e, t);
    } finally {
      setBusy(false);
    }
  }, [gate, t]);

  // Opened from a scanned link: check at once, then clear the link (a reload must not check again).
  useEffect(() => {
    const ir = params.get('ir');
    const pass = params.get('pass');
    if (ir || pass) {
      void check(`${window.location.origin}/gate?${ir ? `ir=${ir}` : `pass=${pass}`}`);
      setParams({}, { replace: true });
    }
  }, [params, setParams, check]);

  useEffect(() => {
    if (!scanning || !window.BarcodeDetector) return;
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    let stream: MediaStream | null = null;
    let live = true;
    void navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(async (s) => {
      stream = s;
      if (!video.current) return;
      video.current.srcObject = s;
      await video.current.play();
      while (live) {
        const found = await detector.detect(video.current).catch(() => []);
        if (found[0]) {
          setScanning(false);
          void check(found[0].rawValue);
          break;
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    }).catch(() => setScanning(false));
    return () => {
      live = false;
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [scanning, check]);

  const release = async () => {
    if (answer?.subject !== 'item_release' || !answer.v.id) return;
    setBusy(true);
    try {
      const r = await api.post<ItemRelease>(`/api/item-releases/${answer.v.id}/release`, { gate });
      setDone(t(`已放行 ${r.number}`, `Released ${r.number}`));
      setAnswer(null);
    } catch (e) {
      toastError(e, t);
      if (e instanceof ApiError && e.code === 'already_released') void check(answer.v.number ?? '');
    } finally {
      setBusy(false);
    }
  };

  const admit = async () => {
    if (!answer?.v.checkId) return;
    setBusy(true);
    try {
      await api.post(`/api/gate-checks/${answer.v.checkId}/entry`);
      setDone(t('已登记进场', 'Entry logged'));
      setAnswer(null);
    } catch (e) {
      toastError(e, t);
    } finally {
      setBusy(false);
    }
  };

  const v = answer?.v;
  const valid = v?.status === 'valid';
  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }}>
      <Typography.Title level={3}>{t('门岗核验', 'Gate check')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Input addonBefore={t('岗位', 'Gate')} value={gate} onChange={(e) => setGate(e.target.value)} aria-label={t('岗位', 'Gate')} />
        {canScan && <Button block size="large" icon={<CameraOutlined />} onClick={() => setScanning((s) => !s)}>{scanning ? t('停止扫码', 'Stop scanning') : t('扫码核验', 'Scan QR code')}</Button>}
        {scanning && <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />}
        <Input.Search size="large" enterButton={t('核验', 'Check')} loading={busy} value={text} onChange={(e) => setText(e.target.value)} onSearch={(s) => void check(s)}
          placeholder={t('输入放行条号或出入证号', 'Type the slip or pass number')} aria-label={t('放行条号或出入证号', 'Slip or pass number')} />
        {done && <Alert type="success" showIcon message={<span style={{ fontSize: 20 }}>{done}</span>} />}
        {v && (
          <Card data-testid="gate-answer" style={{ borderColor: valid ? '#52c41a' : '#ff4d4f', borderWidth: 3 }}>
            <div style={{ textAlign: 'center', fontSize: 40, fontWeight: 700, color: valid ? '#389e0d' : '#cf1322' }} role="status">
              {valid ? <CheckCircleFilled /> : <CloseCircleFilled />} {labelOf(VERIFY_STATUS, v.status, locale)}
            </div>
            {v.status !== 'unknown' && (
              <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
                {answer.subject === 'item_release' ? <>
                  <Descriptions.Item label={t('放行条号', 'Slip')}>{answer.v.number}</Descriptions.Item>
                  <Descriptions.Item label={t('房屋', 'Unit')}>{answer.v.unit}</Descriptions.Item>
                  <Descriptions.Item label={t('申请人', 'Applicant')}>{answer.v.applicantName}</Descriptions.Item>
                  <Descriptions.Item label={t('物品', 'Items')}>{answer.v.items?.map((i) => `${i.name}×${i.quantity}`).join('、')}</Descriptions.Item>
                  <Descriptions.Item label={t('计划日期', 'Planned date')}>{answer.v.plannedDate}</Descriptions.Item>
                  <Descriptions.Item label={t('车牌号', 'Plate')}>{answer.v.plate ?? '—'}</Descriptions.Item>
                  {answer.v.releasedAt && <Descriptions.Item label={t('放行记录', 'Released')}>{answer.v.releasedGate} {new Date(answer.v.releasedAt).toLocaleString()}</Descriptions.Item>}
                </> : <>
                  <Descriptions.Item label={t('证件', 'Pass')}>{labelOf(PASS_KIND, answer.v.kind, locale)} {answer.v.number}</Descriptions.Item>
                  <Descriptions.Item label={t('持证人', 'Holder')}>{answer.v.holderName} {answer.v.idNumberMasked ?? ''}</Descriptions.Item>
                  <Descriptions.Item label={t('单位 / 房屋', 'Company / unit')}>{[answer.v.company, answer.v.unitLabel].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
                  {answer.v.plate && <Descriptions.Item label={t('车牌号', 'Plate')}>{answer.v.plate}</Descriptions.Item>}
                  <Descriptions.Item label={t('有效期', 'Valid')}>{answer.v.validFrom} ~ {answer.v.validTo}</Descriptions.Item>
                  {answer.v.revokeReason && <Descriptions.Item label={t('注销原因', 'Revoked because')}>{answer.v.revokeReason}</Descriptions.Item>}
                </>}
              </Descriptions>
            )}
            {valid && answer.subject === 'item_release' && <Button type="primary" size="large" block style={{ height: 56, fontSize: 20, marginTop: 12 }} loading={busy} onClick={release}>{t('确认放行', 'Release')}</Button>}
            {valid && answer.subject === 'pass' && <Button type="primary" size="large" block style={{ height: 56, fontSize: 20, marginTop: 12 }} loading={busy} onClick={admit}>{t('登记进场', 'Log entry')}</Button>}
          </Card>
        )}
      </Space>
    </div>
  );
}
