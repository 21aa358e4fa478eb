// The image upload control's words (admin banners, event images, the avatar).
export const u = {
  choose: 'Tải ảnh lên từ máy',
  hint: 'JPEG, PNG, WebP hoặc GIF. Ảnh được thu nhỏ và bỏ thông tin EXIF trước khi lưu.',
  uploading: 'Đang tải ảnh lên…',
  uploaded: 'Đã tải ảnh lên.',
  wrongType: 'Hãy chọn một ảnh JPEG, PNG, WebP hoặc GIF.',
  tooLarge: (mib) => `Ảnh quá lớn: tối đa ${mib} MB.`,
  preview: 'Xem trước ảnh',
};
