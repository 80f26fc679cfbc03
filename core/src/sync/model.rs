//! Serde models of the DVCQG sync services with their exact wire names
//! (`core/data/dvcqg_sync_fields.csv`): DongBoHoSoMC (dossier, [`HoSo`]) and
//! CapNhatTienDoHoSoMC (progress, [`TienDo`]). Every value is a JSON string on the wire.
use super::wire::{wire_record, List, Text};

wire_record! {
    /// Dossier record of DongBoHoSoMC (hồ sơ).
    pub struct HoSo {
        /// Mã hồ sơ.
        ma_ho_so: Text = "MaHoSo";
        /// Mã thủ tục hành chính.
        ma_tthc: Text = "MaTTHC";
        /// Tên thủ tục.
        ten_tthc: Text = "TenTTHC";
        /// Mã lĩnh vực.
        ma_linh_vuc: Text = "MaLinhVuc";
        /// Tên lĩnh vực.
        ten_linh_vuc: Text = "TenLinhVuc";
        /// Kênh thực hiện: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích.
        kenh_thuc_hien: Text = "KenhThucHien";
        /// Chủ hồ sơ (personal data).
        chu_ho_so: Text = "ChuHoSo", personal = true;
        /// Số giấy tờ chủ hồ sơ (personal data).
        so_giay_to_chu_ho_so: Text = "SoGiayToChuHoSo", personal = true;
        /// Loại đối tượng.
        loai_doi_tuong: Text = "LoaiDoiTuong";
        /// Mã đối tượng (DVCQG account id).
        ma_doi_tuong: Text = "MaDoiTuong", personal = true;
        /// Thông tin khác.
        thong_tin_khac: Text = "ThongTinKhac";
        /// Email (personal data).
        email: Text = "Email", personal = true;
        /// Fax.
        fax: Text = "Fax", personal = true;
        /// Số điện thoại (personal data).
        so_dien_thoai: Text = "SoDienThoai", personal = true;
        /// Trích yếu hồ sơ.
        trich_yeu_ho_so: Text = "TrichYeuHoSo";
        /// Ngày nộp hồ sơ.
        ngay_nop_ho_so: Text = "NgayNopHoSo";
        /// Ngày tiếp nhận.
        ngay_tiep_nhan: Text = "NgayTiepNhan";
        /// Ngày hẹn trả.
        ngay_hen_tra: Text = "NgayHenTra";
        /// Trạng thái hồ sơ 1-10.
        trang_thai_ho_so: Text = "TrangThaiHoSo";
        /// Ngày trả kết quả.
        ngay_tra: Text = "NgayTra";
        /// Thông tin trả.
        thong_tin_tra: Text = "ThongTinTra";
        /// Hình thức trả kết quả.
        hinh_thuc: Text = "HinhThuc";
        /// Ngày kết thúc xử lý.
        ngay_ket_thuc_xu_ly: Text = "NgayKetThucXuLy";
        /// Ngày từ chối.
        ngay_tu_choi: Text = "NgayTuChoi";
        /// Đơn vị xử lý.
        don_vi_xu_ly: Text = "DonViXuLy";
        /// Ghi chú (carries the refusal reason).
        ghi_chu: Text = "GhiChu";
        /// Nơi nộp hồ sơ.
        noi_nop_ho_so: Text = "NoiNopHoSo";
        /// Hồ sơ có thành phần số hóa (0/1).
        ho_so_co_thanh_phan_so_hoa: Text = "HoSoCoThanhPhanSoHoa";
        /// Tài khoản được xác thực với VNeID (0/1).
        tai_khoan_duoc_xac_thuc_voi_vneid: Text = "TaiKhoanDuocXacThucVoiVNeID";
        /// Được thanh toán trực tuyến.
        duoc_thanh_toan_truc_tuyen: Text = "DuocThanhToanTrucTuyen";
        /// Định danh chủ hồ sơ.
        dinh_danh_chs: List<DinhDanhChs> = "DinhDanhCHS";
        /// Kết nối CSDL.
        ds_ket_noi_csdl: List<KetNoiCsdl> = "DSKetNoiCSDL";
        /// Tài liệu nộp.
        tai_lieu_nop: List<TaiLieuNop> = "TaiLieuNop";
        /// Danh sách lệ phí.
        danh_sach_le_phi: List<LePhi> = "DanhSachLePhi";
        /// Tệp đính kèm khác.
        danh_sach_tep_dinh_kem_khac: List<TepDinhKemKhac> = "DanhSachTepDinhKemKhac";
        /// Hồ sơ bổ sung.
        danh_sach_ho_so_bo_sung: List<HoSoBoSung> = "DanhSachHoSoBoSung";
        /// Giấy tờ kết quả.
        danh_sach_giay_to_ket_qua: List<GiayToKetQua> = "DanhSachGiayToKetQua";
    }
}

wire_record! {
    /// Owner identification (định danh chủ hồ sơ).
    pub struct DinhDanhChs {
        /// 1 = 12-digit personal ID, 2 = 9-digit CMND.
        loai_dinh_danh: Text = "LoaiDinhDanh";
        /// The number (personal data).
        so_dinh_danh: Text = "SoDinhDanh", personal = true;
    }
}

wire_record! {
    /// National database consulted (kết nối CSDL).
    pub struct KetNoiCsdl {
        /// Database code.
        ma_csdl: Text = "MaCSDL";
    }
}

wire_record! {
    /// Submitted document (tài liệu nộp).
    pub struct TaiLieuNop {
        /// File id.
        tep_dinh_kem_id: Text = "TepDinhKemId";
        /// File name.
        ten_tep_dinh_kem: Text = "TenTepDinhKem";
        /// Deleted flag 0/1.
        is_deleted: Text = "IsDeleted";
        /// Component code.
        ma_thanh_phan_ho_so: Text = "MaThanhPhanHoSo";
        /// File URL.
        duong_dan_tai_tep_tin: Text = "DuongDanTaiTepTin";
        /// Digitised 0/1.
        duoc_so_hoa: Text = "DuocSoHoa";
        /// Reused 0/1/2.
        duoc_tai_su_dung: Text = "DuocTaiSuDung";
        /// From the DVCQG personal store 0/1.
        duoc_lay_tu_kho_dmqg: Text = "DuocLayTuKhoDMQG";
        /// Replacing result code.
        ma_ket_qua_thay_the: Text = "MaKetQuaThayThe";
    }
}

wire_record! {
    /// Fee line (phí, lệ phí).
    pub struct LePhi {
        /// Name.
        ten_phi_le_phi: Text = "TenPhiLePhi";
        /// Fee code (opaque).
        ma_phi_le_phi: Text = "MaPhiLePhi";
        /// When collected.
        hinh_thuc_thu: Text = "HinhThucThu";
        /// Amount in đồng, as a string.
        gia: Text = "Gia";
        /// Phí / lệ phí kind.
        loai_phi_le_phi: Text = "LoaiPhiLePhi";
    }
}

wire_record! {
    /// Other attached paper (tệp đính kèm khác).
    pub struct TepDinhKemKhac {
        /// Name.
        ten_giay_to: Text = "TenGiayTo";
        /// Count.
        so_luong: Text = "SoLuong";
        /// Kind.
        loai_giay_to: Text = "LoaiGiayTo";
    }
}

wire_record! {
    /// Supplement round (hồ sơ bổ sung).
    pub struct HoSoBoSung {
        /// Id.
        ho_so_bo_sung_id: Text = "HoSoBoSungId";
        /// Who asked.
        nguoi_yeu_cau_bo_sung: Text = "NguoiYeuCauBoSung";
        /// What to supply.
        noi_dung_bo_sung: Text = "NoiDungBoSung";
        /// Request date.
        ngay_bo_sung: Text = "NgayBoSung";
        /// Who received.
        nguoi_tiep_nhan_bo_sung: Text = "NguoiTiepNhanBoSung";
        /// Reception info.
        thong_tin_tiep_nhan: Text = "ThongTinTiepNhan";
        /// Date received.
        ngay_tiep_nhan_bo_sung: Text = "NgayTiepNhanBoSung";
        /// Status.
        trang_thai_bo_sung: Text = "TrangThaiBoSung";
        /// Papers supplied (kept as raw JSON).
        danh_sach_giay_to_bo_sung: serde_json::Value = "DanhSachGiayToBoSung";
        /// Fees added.
        danh_sach_le_phi_bo_sung: List<LePhi> = "DanhSachLePhiBoSung";
        /// Due date before.
        ngay_hen_tra_truoc: Text = "NgayHenTraTruoc";
        /// New due date.
        ngay_hen_tra_moi: Text = "NgayHenTraMoi";
    }
}

wire_record! {
    /// Result paper (giấy tờ kết quả).
    pub struct GiayToKetQua {
        /// Name.
        ten_giay_to: Text = "TenGiayTo";
        /// Component code.
        ma_thanh_phan_ho_so: Text = "MaThanhPhanHoSo";
        /// Id.
        giay_to_id: Text = "GiayToId";
        /// Result URL.
        duong_dan_tep_tin_ket_qua: Text = "DuongDanTepTinKetQua";
        /// Result code.
        ma_giay_to_ket_qua: Text = "MaGiayToKetQua";
    }
}

wire_record! {
    /// Progress step of CapNhatTienDoHoSoMC (tiến độ).
    pub struct TienDo {
        /// Mã hồ sơ.
        ma_ho_so: Text = "MaHoSo";
        /// Người xử lý (≤ 50).
        nguoi_xu_ly: Text = "NguoiXuLy", personal = true;
        /// Chức danh.
        chuc_danh: Text = "ChucDanh";
        /// Thời điểm xử lý.
        thoi_diem_xu_ly: Text = "ThoiDiemXuLy";
        /// Phòng ban xử lý.
        phong_ban_xu_ly: Text = "PhongBanXuLy";
        /// Nội dung xử lý.
        noi_dung_xu_ly: Text = "NoiDungXuLy";
        /// Trạng thái reached, 1-10.
        trang_thai: Text = "TrangThai";
        /// Ngày bắt đầu.
        ngay_bat_dau: Text = "NgayBatDau";
        /// Ngày kết thúc theo quy định.
        ngay_ket_thuc_theo_quy_dinh: Text = "NgayKetThucTheoQuyDinh";
    }
}
