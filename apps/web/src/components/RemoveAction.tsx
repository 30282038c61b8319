import { Button, Popconfirm, message } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useT } from '../i18n/i18n';
import { toastError } from './common';

/**
 * 删除 on a table row: asks first (确定删除…？), then DELETEs `path`, says so and refreshes the
 * lists under `queryKey`. When the server refuses (409: still in use), its message — which says
 * what to do first — is shown as it is.
 */
export function RemoveAction(props: { path: string; name: string; queryKey: readonly unknown[]; what: { zh: string; en: string } }) {
  const { path, name, queryKey, what } = props;
  const t = useT();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(path),
    onSuccess: () => {
      message.success(t(`已删除${what.zh}“${name}”`, `The ${what.en} "${name}" was deleted`));
      void qc.invalidateQueries({ queryKey: [...queryKey] });
    },
    onError: (e) => toastError(e, t),
  });
  return (
    <Popconfirm
      title={t(`确定删除${what.zh}“${name}”？`, `Delete the ${what.en} "${name}"?`)}
      description={t('删除后不能恢复。', 'This cannot be undone.')}
      okText={t('删除', 'Delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('取消', 'Cancel')}
      onConfirm={() => remove.mutateAsync().catch(() => undefined)}
      onPopupClick={(e) => e.stopPropagation()}
    >
      <Button
        type="link"
        danger
        size="small"
        icon={<DeleteOutlined />}
        loading={remove.isPending}
        aria-label={t(`删除 ${name}`, `Delete ${name}`)}
        // Rows that expand on click (roles) must not toggle when the action is used.
        onClick={(e) => e.stopPropagation()}
      >
        {t('删除', 'Delete')}
      </Button>
    </Popconfirm>
  );
}
