// Error codes from the API, as sentences a person can act on. Codes not listed
// fall back to the server's own message.
const kMessages = {
  NETWORK: 'Không kết nối được máy chủ. Kiểm tra mạng và thử lại.',
  INTERNAL: 'Máy chủ gặp sự cố. Vui lòng thử lại sau ít phút.',
  NOT_READY: 'Hệ thống đang tạm gián đoạn. Vui lòng thử lại sau.',
  RATE_LIMITED: 'Bạn thao tác quá nhanh. Vui lòng đợi một chút rồi thử lại.',
  VALIDATION_FAILED: 'Một số thông tin chưa hợp lệ. Vui lòng kiểm tra lại.',
  UNAUTHORIZED: 'Vui lòng đăng nhập để tiếp tục.',
  INVALID_TOKEN: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  TOKEN_REVOKED: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.',
  INVALID_CREDENTIALS: 'Email hoặc mật khẩu không đúng.',
  ACCOUNT_DISABLED: 'Tài khoản này đã bị khoá. Liên hệ ban tổ chức để được hỗ trợ.',
  EMAIL_TAKEN: 'Email này đã được đăng ký. Hãy đăng nhập hoặc dùng email khác.',
  WRONG_PASSWORD: 'Mật khẩu hiện tại không đúng.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  EVENT_NOT_FOUND: 'Không tìm thấy sự kiện.',
  ORDER_NOT_FOUND: 'Không tìm thấy đơn hàng.',
  TICKET_NOT_FOUND: 'Không tìm thấy vé với mã này.',
  TICKET_TYPE_NOT_FOUND: 'Loại vé này không còn được bán.',
  SOLD_OUT: 'Rất tiếc, loại vé này đã bán hết.',
  INSUFFICIENT_AVAILABILITY: 'Không còn đủ vé cho số lượng bạn chọn.',
  LIMIT_EXCEEDED: 'Bạn đã vượt quá số vé tối đa được mua cho sự kiện này.',
  EVENT_NOT_ON_SALE: 'Sự kiện này hiện không mở bán vé.',
  IDEMPOTENCY_IN_PROGRESS: 'Đơn hàng của bạn đang được xử lý. Vui lòng đợi trong giây lát.',
  IDEMPOTENCY_KEY_REUSED: 'Yêu cầu mua vé đã thay đổi. Vui lòng thử lại.',
  ORDER_NOT_CANCELLABLE: 'Đơn hàng này không thể huỷ nữa.',
  ORDER_NOT_REFUNDABLE: 'Đơn hàng này không thể hoàn tiền.',
  TICKET_ALREADY_USED: 'Đơn có vé đã check-in. Chọn "hoàn tiền cả vé đã dùng" nếu vẫn muốn hoàn.',
  LAST_ADMIN: 'Không thể thay đổi quản trị viên cuối cùng còn hoạt động.',
  CANNOT_MODIFY_SELF: 'Bạn không thể tự hạ quyền hoặc khoá tài khoản của chính mình.',
  SLUG_TAKEN: 'Đường dẫn (slug) này đã được dùng cho sự kiện khác.',
  INVALID_STATUS_TRANSITION: 'Không thể chuyển sự kiện sang trạng thái này.',
  EVENT_HAS_TICKETS: 'Sự kiện đã có vé hoặc đơn hàng nên không thể xoá. Hãy huỷ sự kiện.',
  QUANTITY_BELOW_SOLD: 'Tổng số vé không thể nhỏ hơn số vé đã bán hoặc đang giữ.',
  TICKET_TYPE_HAS_SALES: 'Loại vé đã có người mua nên không thể xoá. Hãy ẩn loại vé.',
  BANNER_NOT_FOUND: 'Không tìm thấy banner.',
  USER_NOT_FOUND: 'Không tìm thấy người dùng.',
  PAYMENT_NOT_FOUND: 'Không tìm thấy giao dịch thanh toán.',
  INVALID_SIGNATURE: 'Liên kết thanh toán không hợp lệ.',
  ALREADY_USED: 'Vé đã được check-in trước đó.',
  CANCELLED: 'Vé đã bị huỷ.',
  EVENT_NOT_ON: 'Sự kiện của vé đã bị huỷ hoặc không còn diễn ra.',
  WRONG_EVENT: 'Vé thuộc sự kiện khác.',
  EVENT_NOT_TODAY: 'Sự kiện không diễn ra vào lúc này.',
  NOT_CHECKED_IN: 'Vé chưa được check-in nên không thể hoàn tác.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên quá lớn.',
  UNSUPPORTED_IMAGE_TYPE: 'Tệp này không phải ảnh JPEG, PNG, WebP hoặc GIF.',
  IMAGE_UNREADABLE: 'Không đọc được ảnh: tệp có thể bị hỏng hoặc chưa tải xong.',
  IMAGE_TOO_LARGE: 'Ảnh có kích thước quá lớn (tối đa 12000 điểm ảnh mỗi cạnh, 40 megapixel).',
  BAD_MULTIPART: 'Tệp gửi lên không hợp lệ. Vui lòng chọn lại ảnh.',
  SEAT_UNAVAILABLE: 'Một số ghế bạn chọn vừa có người khác đặt. Hãy chọn ghế khác.',
  SEAT_NOT_IN_TYPE: 'Ghế bạn chọn không thuộc loại vé này.',
  SEATS_NOT_TOGETHER: 'Không còn hàng nào đủ ghế liền nhau cho số lượng bạn chọn. Thử số lượng nhỏ hơn hoặc chọn ghế trên sơ đồ.',
  SEAT_NOT_FOUND: 'Không tìm thấy ghế này.',
  EVENT_NOT_SEATED: 'Sự kiện này không bán vé theo chỗ ngồi.',
  ROOM_NOT_FOUND: 'Không tìm thấy phòng.',
  ROOM_IN_USE: 'Phòng đang được một sự kiện dùng nên không thể xoá hoặc đổi kích thước. Hãy ngừng dùng phòng thay vì xoá.',
  ROOM_INACTIVE: 'Phòng này đang ngừng dùng. Hãy dùng lại phòng hoặc chọn phòng khác.',
  TICKET_TYPE_SEATED: 'Số vé của loại vé theo chỗ ngồi do sơ đồ quyết định. Hãy đổi phân khu trong “Sơ đồ chỗ ngồi”.',
  SEATING_LOCKED:
    'Đã có ghế đang được giữ hoặc đã bán, nên không thể đổi phòng hay phân khu nữa (người mua đã nhận số ghế của họ). Bạn vẫn có thể khoá hoặc mở khoá những ghế chưa bán.',
};

export function errorMessage(code, serverMessage, data) {
  if (code === 'INSUFFICIENT_AVAILABILITY' && data && typeof data.available === 'number') {
    return `Chỉ còn ${data.available} vé cho loại bạn chọn.`;
  }
  return kMessages[code] || serverMessage || 'Đã có lỗi xảy ra.';
}

// Per-field messages from a VALIDATION_FAILED error's details.
const kFieldCodes = {
  REQUIRED: 'Trường này là bắt buộc.',
  TOO_SHORT: 'Quá ngắn.',
  TOO_LONG: 'Quá dài.',
  INVALID: 'Giá trị không hợp lệ.',
  INVALID_URL: 'Đường dẫn phải bắt đầu bằng http(s):// hoặc /.',
  INVALID_TIME: 'Thời gian không hợp lệ.',
  OUT_OF_RANGE: 'Giá trị nằm ngoài giới hạn cho phép.',
  INVALID_TYPE: 'Sai kiểu dữ liệu.',
  WRONG_PASSWORD: 'Mật khẩu hiện tại không đúng.',
};

export function fieldErrors(err) {
  const out = {};
  for (const d of err?.details || []) {
    if (d.field) out[d.field] = kFieldCodes[d.code] || d.message || 'Không hợp lệ.';
  }
  return out;
}
