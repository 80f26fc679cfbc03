//! Serde models of the DVCQG sync services with their exact wire names
//! (`core/data/dvcqg_sync_fields.csv`): DongBoHoSoMC (dossier, [`HoSo`]) and
//! CapNhatTienDoHoSoMC (progress, [`TienDo`]). Every value is a JSON string on the wire.
use super::wire::{wire_record, List, Text};

wire_record! {
    /// Dossier record of DongBoHoSoMC (hồ sơ).
    pub struct HoSo<'a> {
        /// Mã hồ sơ.
        ma_ho_so: Text<'a> = "MaHoSo";
        /// Mã thủ tục hành chính.
        ma_tthc: Text<'a> = "MaTTHC";
        /// Tên thủ tục.
        ten_tthc: Text<'a> = "TenTTHC";
        /// Mã lĩnh vực.
        ma_linh_vuc: Text<'a> = "MaLinhVuc";
        /// Tên lĩnh vực.
        ten_linh_vuc: Text<'a> = "TenLinhVuc";
        /// Kênh thực hiện: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích.
        kenh_thuc_hien: Text<'a> = "KenhThucHien";
        /// Chủ hồ sơ (personal data).
        chu_ho_so: Text<'a> = "ChuHoSo", personal = true;
        /// Số giấy tờ chủ hồ sơ (personal data).
        so_giay_to_chu_ho_so: Text<'a> = "SoGiayToChuHoSo", personal = true;
        /// Loại đối tượng.
        loai_doi_tuong: Text<'a> = "LoaiDoiTuong";
        /// Mã đối tượng (DVCQG account id).
        ma_doi_tuong: Text<'a> = "MaDoiTuong", personal = true;
        /// Thông tin khác.
        thong_tin_khac: Text<'a> = "ThongTinKhac";
        /// Email (personal data).
        email: Text<'a> = "Email", personal = true;
        /// Fax.
        fax: Text<'a> = "Fax", personal = true;
        /// Số điện thoại (personal data).
        so_dien_thoai: Text<'a> = "SoDienThoai", personal = true;
        /// Trích yếu hồ sơ.
        trich_yeu_ho_so: Text<'a> = "TrichYeuHoSo";
        /// Ngày nộp hồ sơ.
        ngay_nop_ho_so: Text<'a> = "NgayNopHoSo";
        /// Ngày tiếp nhận.
        ngay_tiep_nhan: Text<'a> = "NgayTiepNhan";
        /// Ngày hẹn trả.
        ngay_hen_tra: Text<'a> = "NgayHenTra";
        /// Trạng thái hồ sơ 1-10.
        trang_thai_ho_so: Text<'a> = "TrangThaiHoSo";
        /// Ngày trả kết quả.
        ngay_tra: Text<'a> = "NgayTra";
        /// Thông tin trả.
        thong_tin_tra: Text<'a> = "ThongTinTra";
        /// Hình thức trả kết quả.
        hinh_thuc: Text<'a> = "HinhThuc";
        /// Ngày kết thúc xử lý.
        ngay_ket_thuc_xu_ly: Text<'a> = "NgayKetThucXuLy";
        /// Ngày từ chối.
        ngay_tu_choi: Text<'a> = "NgayTuChoi";
        /// Đơn vị xử lý.
        don_vi_xu_ly: Text<'a> = "DonViXuLy";
        /// Ghi chú (carries the refusal reason).
        ghi_chu: Text<'a> = "GhiChu";
        /// Nơi nộp hồ sơ.
        noi_nop_ho_so: Text<'a> = "NoiNopHoSo";
        /// Hồ sơ có thành phần số hóa (0/1).
        ho_so_co_thanh_phan_so_hoa: Text<'a> = "HoSoCoThanhPhanSoHoa";
        /// Tài khoản được xác thực với VNeID (0/1).
        tai_khoan_duoc_xac_thuc_voi_vneid: Text<'a> = "TaiKhoanDuocXacThucVoiVNeID";
        /// Được thanh toán trực tuyến.
        duoc_thanh_toan_truc_tuyen: Text<'a> = "DuocThanhToanTrucTuyen";
        /// Định danh chủ hồ sơ.
        dinh_danh_chs: List<DinhDanhChs<'a>> = "DinhDanhCHS";
        /// Kết nối CSDL.
        ds_ket_noi_csdl: List<KetNoiCsdl<'a>> = "DSKetNoiCSDL";
        /// Tài liệu nộp.
        tai_lieu_nop: List<TaiLieuNop<'a>> = "TaiLieuNop";
        /// Danh sách lệ phí.
        danh_sach_le_phi: List<LePhi<'a>> = "DanhSachLePhi";
        /// Tệp đính kèm khác.
        danh_sach_tep_dinh_kem_khac: List<TepDinhKemKhac<'a>> = "DanhSachTepDinhKemKhac";
        /// Hồ sơ bổ sung.
        danh_sach_ho_so_bo_sung: List<HoSoBoSung<'a>> = "DanhSachHoSoBoSung";
        /// Giấy tờ kết quả.
        danh_sach_giay_to_ket_qua: List<GiayToKetQua<'a>> = "DanhSachGiayToKetQua";
    }
}

wire_record! {
    /// Owner identification (định danh chủ hồ sơ).
    pub struct DinhDanhChs<'a> {
        /// 1 = 12-digit personal ID, 2 = 9-digit CMND.
        loai_dinh_danh: Text<'a> = "LoaiDinhDanh";
        /// The number (personal data).
        so_dinh_danh: Text<'a> = "SoDinhDanh", personal = true;
    }
}

wire_record! {
    /// National database consulted (kết nối CSDL).
    pub struct KetNoiCsdl<'a> {
        /// Database code.
        ma_csdl: Text<'a> = "MaCSDL";
    }
}

wire_record! {
    /// Submitted document (tài liệu nộp).
    pub struct TaiLieuNop<'a> {
        /// File id.
        tep_dinh_kem_id: Text<'a> = "TepDinhKemId";
        /// File name.
        ten_tep_dinh_kem: Text<'a> = "TenTepDinhKem";
        /// Deleted flag 0/1.
        is_deleted: Text<'a> = "IsDeleted";
        /// Component code.
        ma_thanh_phan_ho_so: Text<'a> = "MaThanhPhanHoSo";
        /// File URL.
        duong_dan_tai_tep_tin: Text<'a> = "DuongDanTaiTepTin";
        /// Digitised 0/1.
        duoc_so_hoa: Text<'a> = "DuocSoHoa";
        /// Reused 0/1/2.
        duoc_tai_su_dung: Text<'a> = "DuocTaiSuDung";
        /// From the DVCQG personal store 0/1.
        duoc_lay_tu_kho_dmqg: Text<'a> = "DuocLayTuKhoDMQG";
        /// Replacing result code.
        ma_ket_qua_thay_the: Text<'a> = "MaKetQuaThayThe";
    }
}

wire_record! {
    /// Fee line (phí, lệ phí).
    pub struct LePhi<'a> {
        /// Name.
        ten_phi_le_phi: Text<'a> = "TenPhiLePhi";
        /// Fee code (opaque).
        ma_phi_le_phi: Text<'a> = "MaPhiLePhi";
        /// When collected.
        hinh_thuc_thu: Text<'a> = "HinhThucThu";
        /// Amount in đồng, as a string.
        gia: Text<'a> = "Gia";
        /// Phí / lệ phí kind.
        loai_phi_le_phi: Text<'a> = "LoaiPhiLePhi";
    }
}

wire_record! {
    /// Other attached paper (tệp đính kèm khác).
    pub struct TepDinhKemKhac<'a> {
        /// Name.
        ten_giay_to: Text<'a> = "TenGiayTo";
        /// Count.
        so_luong: Text<'a> = "SoLuong";
        /// Kind.
        loai_giay_to: Text<'a> = "LoaiGiayTo";
    }
}

wire_record! {
    /// Supplement round (hồ sơ bổ sung).
    pub struct HoSoBoSung<'a> {
        /// Id.
        ho_so_bo_sung_id: Text<'a> = "HoSoBoSungId";
        /// Who asked.
        nguoi_yeu_cau_bo_sung: Text<'a> = "NguoiYeuCauBoSung";
        /// What to supply.
        noi_dung_bo_sung: Text<'a> = "NoiDungBoSung";
        /// Request date.
        ngay_bo_sung: Text<'a> = "NgayBoSung";
        /// Who received.
        nguoi_tiep_nhan_bo_sung: Text<'a> = "NguoiTiepNhanBoSung";
        /// Reception info.
        thong_tin_tiep_nhan: Text<'a> = "ThongTinTiepNhan";
        /// Date received.
        ngay_tiep_nhan_bo_sung: Text<'a> = "NgayTiepNhanBoSung";
        /// Status.
        trang_thai_bo_sung: Text<'a> = "TrangThaiBoSung";
        /// Papers supplied (kept as raw JSON).
        danh_sach_giay_to_bo_sung: serde_json::Value = "DanhSachGiayToBoSung";
        /// Fees added.
        danh_sach_le_phi_bo_sung: List<LePhi<'a>> = "DanhSachLePhiBoSung";
        /// Due date before.
        ngay_hen_tra_truoc: Text<'a> = "NgayHenTraTruoc";
        /// New due date.
        ngay_hen_tra_moi: Text<'a> = "NgayHenTraMoi";
    }
}

wire_record! {
    /// Result paper (giấy tờ kết quả).
    pub struct GiayToKetQua<'a> {
        /// Name.
        ten_giay_to: Text<'a> = "TenGiayTo";
        /// Component code.
        ma_thanh_phan_ho_so: Text<'a> = "MaThanhPhanHoSo";
        /// Id.
        giay_to_id: Text<'a> = "GiayToId";
        /// Result URL.
        duong_dan_tep_tin_ket_qua: Text<'a> = "DuongDanTepTinKetQua";
        /// Result code.
        ma_giay_to_ket_qua: Text<'a> = "MaGiayToKetQua";
    }
}

wire_record! {
    /// Progress step of CapNhatTienDoHoSoMC (tiến độ).
    pub struct TienDo<'a> {
        /// Mã hồ sơ.
        ma_ho_so: Text<'a> = "MaHoSo";
        /// Người xử lý (≤ 50).
        nguoi_xu_ly: Text<'a> = "NguoiXuLy", personal = true;
        /// Chức danh.
        chuc_danh: Text<'a> = "ChucDanh";
        /// Thời điểm xử lý.
        thoi_diem_xu_ly: Text<'a> = "ThoiDiemXuLy";
        /// Phòng ban xử lý.
        phong_ban_xu_ly: Text<'a> = "PhongBanXuLy";
        /// Nội dung xử lý.
        noi_dung_xu_ly: Text<'a> = "NoiDungXuLy";
        /// Trạng thái reached, 1-10.
        trang_thai: Text<'a> = "TrangThai";
        /// Ngày bắt đầu.
        ngay_bat_dau: Text<'a> = "NgayBatDau";
        /// Ngày kết thúc theo quy định.
        ngay_ket_thuc_theo_quy_dinh: Text<'a> = "NgayKetThucTheoQuyDinh";
    }
}
