//! Medium: CVM `DescribeInstances` (2017-03-12), 100 instances with every documented field of
//! `Instance`. Fields the documentation marks "may return null" are `Option`s, and some
//! instances really carry `null` there.

use serde::{Deserialize, Serialize};

use crate::rng::Rng;

/// Where an instance lives (`Placement`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Placement {
    /// Availability zone, e.g. `ap-guangzhou-3`.
    pub zone: String,
    /// Project id; 0 is the default project.
    pub project_id: i64,
    /// CDH ids the instance may be placed on.
    pub host_ids: Option<Vec<String>>,
    /// The CDH's IPs (input only; null in responses).
    pub host_ips: Option<Vec<String>>,
    /// The CDH id the instance is on.
    pub host_id: Option<String>,
}

/// The system disk (`SystemDisk`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SystemDisk {
    /// Disk type, e.g. `CLOUD_PREMIUM`.
    pub disk_type: String,
    /// Disk id.
    pub disk_id: String,
    /// Size in GB.
    pub disk_size: i64,
    /// CDC id of a dedicated cluster disk.
    pub cdc_id: Option<String>,
}

/// A data disk (`DataDisk`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DataDisk {
    /// Size in GB.
    pub disk_size: i64,
    /// Disk type, e.g. `CLOUD_SSD`.
    pub disk_type: String,
    /// Disk id.
    pub disk_id: String,
    /// Whether the disk is released with the instance.
    pub delete_with_instance: Option<bool>,
    /// The snapshot the disk was created from.
    pub snapshot_id: Option<String>,
    /// Whether the disk is encrypted.
    pub encrypt: Option<bool>,
    /// The KMS key encrypting the disk.
    pub kms_key_id: Option<String>,
    /// Extra throughput in MB/s.
    pub throughput_performance: Option<i64>,
    /// CDC id of a dedicated cluster disk.
    pub cdc_id: Option<String>,
    /// Whether burst performance is on.
    pub burst_performance: Option<bool>,
    /// The disk's name.
    pub disk_name: Option<String>,
}

/// Public network settings (`InternetAccessible`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternetAccessible {
    /// Billing of public traffic, e.g. `TRAFFIC_POSTPAID_BY_HOUR`.
    pub internet_charge_type: String,
    /// Outbound bandwidth cap in Mbit/s.
    pub internet_max_bandwidth_out: i64,
    /// Whether a public IP is assigned.
    pub public_ip_assigned: Option<bool>,
    /// Bandwidth package id.
    pub bandwidth_package_id: Option<String>,
    /// Carrier, e.g. `BGP`.
    pub internet_service_provider: Option<String>,
    /// IPv4 address type, e.g. `WanIP`.
    #[serde(rename = "IPv4AddressType")]
    pub ipv4_address_type: Option<String>,
    /// IPv6 address type.
    #[serde(rename = "IPv6AddressType")]
    pub ipv6_address_type: Option<String>,
    /// Anti-DDoS package id.
    #[serde(rename = "AntiDDoSPackageId")]
    pub anti_ddos_package_id: Option<String>,
}

/// VPC settings (`VirtualPrivateCloud`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VirtualPrivateCloud {
    /// VPC id.
    pub vpc_id: String,
    /// Subnet id.
    pub subnet_id: String,
    /// Whether the instance is a public gateway.
    pub as_vpc_gateway: bool,
    /// Private IPs in the VPC.
    pub private_ip_addresses: Option<Vec<String>>,
    /// Number of IPv6 addresses.
    pub ipv6_address_count: Option<i64>,
}

/// Login settings (`LoginSettings`); the password is never returned.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoginSettings {
    /// Always null in responses.
    pub password: Option<String>,
    /// Key pair ids.
    pub key_ids: Option<Vec<String>>,
    /// Whether the image's login settings are kept.
    pub keep_image_login: Option<String>,
}

/// A tag (`Tag`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// Tag key.
    pub key: String,
    /// Tag value.
    pub value: String,
}

/// GPU details (`GPUInfo`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct GpuInfo {
    /// GPU count (fractional for vGPU).
    #[serde(rename = "GPUCount")]
    pub gpu_count: f64,
    /// GPU addresses.
    #[serde(rename = "GPUId")]
    pub gpu_id: Vec<String>,
    /// GPU model.
    #[serde(rename = "GPUType")]
    pub gpu_type: String,
}

/// A metadata item (`MetadataItem`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetadataItem {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// Custom metadata (`Metadata`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Metadata {
    /// The items.
    pub items: Vec<MetadataItem>,
}

/// One instance (`Instance`), every documented field.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Instance {
    /// Location.
    pub placement: Placement,
    /// Instance id, `ins-xxxxxxxx`.
    pub instance_id: String,
    /// Instance model, e.g. `S5.MEDIUM4`.
    pub instance_type: String,
    /// vCPU count.
    #[serde(rename = "CPU")]
    pub cpu: i64,
    /// Memory in GB.
    pub memory: i64,
    /// `NORMAL`, `EXPIRED` or `PROTECTIVELY_ISOLATED`.
    pub restrict_state: String,
    /// The instance's name.
    pub instance_name: String,
    /// Billing, e.g. `POSTPAID_BY_HOUR`.
    pub instance_charge_type: String,
    /// The system disk.
    pub system_disk: SystemDisk,
    /// The data disks.
    pub data_disks: Option<Vec<DataDisk>>,
    /// Private IPs of the primary NIC.
    pub private_ip_addresses: Vec<String>,
    /// Public IPs of the primary NIC.
    pub public_ip_addresses: Option<Vec<String>>,
    /// Public network settings.
    pub internet_accessible: InternetAccessible,
    /// VPC settings.
    pub virtual_private_cloud: VirtualPrivateCloud,
    /// Image id.
    pub image_id: String,
    /// Auto-renewal flag.
    pub renew_flag: Option<String>,
    /// Creation time, ISO 8601 UTC.
    pub created_time: String,
    /// Expiry time of a prepaid instance.
    pub expired_time: Option<String>,
    /// Operating system name.
    pub os_name: String,
    /// Security group ids.
    pub security_group_ids: Vec<String>,
    /// Login settings.
    pub login_settings: LoginSettings,
    /// `RUNNING`, `STOPPED`, ...
    pub instance_state: String,
    /// Tags.
    pub tags: Option<Vec<Tag>>,
    /// Billing after shutdown.
    pub stop_charging_mode: String,
    /// Globally unique id.
    pub uuid: String,
    /// The last operation.
    pub latest_operation: Option<String>,
    /// The last operation's state.
    pub latest_operation_state: Option<String>,
    /// The last operation's RequestId.
    pub latest_operation_request_id: Option<String>,
    /// Spread placement group id.
    pub disaster_recover_group_id: Option<String>,
    /// IPv6 addresses.
    #[serde(rename = "IPv6Addresses")]
    pub ipv6_addresses: Option<Vec<String>>,
    /// CAM role name.
    pub cam_role_name: Option<String>,
    /// HPC cluster id.
    pub hpc_cluster_id: Option<String>,
    /// RDMA NIC IPs.
    pub rdma_ip_addresses: Option<Vec<String>>,
    /// Dedicated cluster id.
    pub dedicated_cluster_id: Option<String>,
    /// Why the instance was isolated.
    pub isolated_source: Option<String>,
    /// GPU details.
    #[serde(rename = "GPUInfo")]
    pub gpu_info: Option<GpuInfo>,
    /// OS licence type.
    pub license_type: Option<String>,
    /// Whether termination protection is on.
    pub disable_api_termination: Option<bool>,
    /// Default login user.
    pub default_login_user: Option<String>,
    /// Default login port.
    pub default_login_port: Option<i64>,
    /// The last operation's error message.
    pub latest_operation_error_msg: Option<String>,
    /// Custom metadata.
    pub metadata: Option<Metadata>,
    /// Public IPv6 addresses.
    #[serde(rename = "PublicIPv6Addresses")]
    pub public_ipv6_addresses: Option<Vec<String>>,
}

crate::response! {
    /// `DescribeInstances`'s response.
    service = "cvm", version = "2017-03-12", action = "DescribeInstances";
    library DescribeInstances, floor DescribeInstancesPlain, sdk DescribeInstancesSdk;
    {
        /// Number of instances matching the filters.
        total_count: i64,
        /// The instances of this page.
        instance_set: Vec<Instance>,
    }
}

/// How many instances the medium payload holds.
pub const INSTANCES: usize = 100;

/// The medium payload: [`INSTANCES`] instances, about 230 KB.
///
/// ```
/// let body = tencent_action_benches::cvm::payload();
/// let out: tencent_action_benches::cvm::DescribeInstances = tencent_action::from_slice(&body).unwrap();
/// assert_eq!(out.instance_set.len(), tencent_action_benches::cvm::INSTANCES);
/// ```
pub fn payload() -> Vec<u8> {
    let mut rng = Rng::new(0xc0de);
    let instance_set: Vec<Instance> = (0..INSTANCES).map(|_| instance(&mut rng)).collect();
    let response = DescribeInstancesSdk {
        total_count: instance_set.len() as i64 + 412,
        instance_set,
        request_id: Some(rng.uuid()),
    };
    crate::envelope_bytes(&response)
}

fn some_or_null<T>(rng: &mut Rng, percent: u64, value: impl FnOnce(&mut Rng) -> T) -> Option<T> {
    rng.chance(percent).then(|| value(rng))
}

fn time(rng: &mut Rng, year: u64) -> String {
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        1 + rng.below(12),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
}

fn instance(rng: &mut Rng) -> Instance {
    let zone = rng.pick(&[
        "ap-guangzhou-3",
        "ap-guangzhou-6",
        "ap-shanghai-2",
        "ap-beijing-5",
        "ap-singapore-1",
    ]);
    let (family, cpu, memory) = rng.pick(&[
        ("S5.MEDIUM4", 2, 4),
        ("S5.LARGE8", 4, 8),
        ("SA2.2XLARGE16", 8, 16),
        ("M5.4XLARGE64", 16, 64),
        ("GN7.2XLARGE32", 8, 32),
    ]);
    let gpu = family.starts_with("GN");
    let prepaid = rng.chance(30);
    let has_public = rng.chance(60);
    let uuid = rng.uuid();
    let disks = rng.below(4) as usize;
    Instance {
        placement: Placement {
            zone: zone.to_owned(),
            project_id: rng.pick(&[0, 0, 1_001_234, 1_004_567]),
            host_ids: None,
            host_ips: None,
            host_id: some_or_null(rng, 10, |r| format!("host-{}", r.alnum(8))),
        },
        instance_id: format!("ins-{}", rng.alnum(8)),
        instance_type: family.to_owned(),
        cpu,
        memory,
        restrict_state: rng
            .pick(&["NORMAL", "NORMAL", "NORMAL", "EXPIRED"])
            .to_owned(),
        instance_name: format!(
            "{}-{}-{:03}",
            rng.pick(&["web", "api", "worker", "db-proxy", "batch"]),
            rng.pick(&["prod", "staging", "dev"]),
            rng.below(1000)
        ),
        instance_charge_type: if prepaid {
            "PREPAID"
        } else {
            "POSTPAID_BY_HOUR"
        }
        .to_owned(),
        system_disk: SystemDisk {
            disk_type: rng
                .pick(&["CLOUD_PREMIUM", "CLOUD_SSD", "CLOUD_BSSD"])
                .to_owned(),
            disk_id: format!("disk-{}", rng.alnum(8)),
            disk_size: rng.pick(&[50, 100, 200]),
            cdc_id: None,
        },
        data_disks: (disks > 0).then(|| {
            (0..disks)
                .map(|i| DataDisk {
                    disk_size: rng.pick(&[100, 500, 1000, 4000]),
                    disk_type: rng
                        .pick(&["CLOUD_PREMIUM", "CLOUD_SSD", "CLOUD_HSSD"])
                        .to_owned(),
                    disk_id: format!("disk-{}", rng.alnum(8)),
                    delete_with_instance: Some(rng.chance(80)),
                    snapshot_id: some_or_null(rng, 20, |r| format!("snap-{}", r.alnum(8))),
                    encrypt: Some(rng.chance(15)),
                    kms_key_id: None,
                    throughput_performance: Some(0),
                    cdc_id: None,
                    burst_performance: Some(false),
                    disk_name: Some(format!("data-{i}")),
                })
                .collect()
        }),
        private_ip_addresses: vec![rng.private_ip()],
        public_ip_addresses: has_public.then(|| vec![rng.public_ip()]),
        internet_accessible: InternetAccessible {
            internet_charge_type: rng
                .pick(&[
                    "TRAFFIC_POSTPAID_BY_HOUR",
                    "BANDWIDTH_PREPAID",
                    "BANDWIDTH_PACKAGE",
                ])
                .to_owned(),
            internet_max_bandwidth_out: if has_public {
                rng.pick(&[1, 5, 10, 100])
            } else {
                0
            },
            public_ip_assigned: Some(has_public),
            bandwidth_package_id: some_or_null(rng, 10, |r| format!("bwp-{}", r.alnum(8))),
            internet_service_provider: Some("BGP".to_owned()),
            ipv4_address_type: Some("WanIP".to_owned()),
            ipv6_address_type: None,
            anti_ddos_package_id: None,
        },
        virtual_private_cloud: VirtualPrivateCloud {
            vpc_id: format!("vpc-{}", rng.alnum(8)),
            subnet_id: format!("subnet-{}", rng.alnum(8)),
            as_vpc_gateway: false,
            private_ip_addresses: None,
            ipv6_address_count: Some(0),
        },
        image_id: format!("img-{}", rng.alnum(8)),
        renew_flag: Some(
            if prepaid {
                "NOTIFY_AND_AUTO_RENEW"
            } else {
                "NOTIFY_AND_MANUAL_RENEW"
            }
            .to_owned(),
        ),
        created_time: time(rng, 2023),
        expired_time: prepaid.then(|| time(rng, 2026)),
        os_name: rng
            .pick(&[
                "TencentOS Server 3.1 (TK4)",
                "Ubuntu Server 22.04 LTS 64bit",
                "CentOS 7.9 64bit",
                "Windows Server 2022 数据中心版 64位中文版",
            ])
            .to_owned(),
        security_group_ids: (0..1 + rng.below(3))
            .map(|_| format!("sg-{}", rng.alnum(8)))
            .collect(),
        login_settings: LoginSettings {
            password: None,
            key_ids: some_or_null(rng, 50, |r| vec![format!("skey-{}", r.alnum(8))]),
            keep_image_login: None,
        },
        instance_state: rng
            .pick(&["RUNNING", "RUNNING", "RUNNING", "STOPPED"])
            .to_owned(),
        tags: some_or_null(rng, 80, |r| {
            vec![
                Tag {
                    key: "team".to_owned(),
                    value: r
                        .pick(&["payments", "search", "infra", "growth"])
                        .to_owned(),
                },
                Tag {
                    key: "env".to_owned(),
                    value: r.pick(&["prod", "staging", "dev"]).to_owned(),
                },
            ]
        }),
        stop_charging_mode: "NOT_APPLICABLE".to_owned(),
        uuid,
        latest_operation: Some(
            rng.pick(&["StartInstances", "RebootInstances", "ResetInstance"])
                .to_owned(),
        ),
        latest_operation_state: Some("SUCCESS".to_owned()),
        latest_operation_request_id: Some(rng.uuid()),
        disaster_recover_group_id: Some(String::new()),
        ipv6_addresses: None,
        cam_role_name: Some(String::new()),
        hpc_cluster_id: Some(String::new()),
        rdma_ip_addresses: None,
        dedicated_cluster_id: Some(String::new()),
        isolated_source: Some("NOTISOLATED".to_owned()),
        gpu_info: gpu.then(|| GpuInfo {
            gpu_count: 1.0,
            gpu_id: vec![format!("gpu-{}", rng.alnum(8))],
            gpu_type: "NVIDIA A10".to_owned(),
        }),
        license_type: Some("TencentCloud".to_owned()),
        disable_api_termination: Some(rng.chance(20)),
        default_login_user: Some("root".to_owned()),
        default_login_port: Some(22),
        latest_operation_error_msg: Some(String::new()),
        metadata: None,
        public_ipv6_addresses: None,
    }
}
